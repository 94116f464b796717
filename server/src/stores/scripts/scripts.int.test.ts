import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { SCRIPT_KEYS, type ScriptName } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { RedisReservationStore } from '../reservations/redis-reservation-store.ts';
import { FRAGMENTS, scriptSource, scriptsOf } from './scripts.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const NAMES = Object.keys(SCRIPT_KEYS) as ScriptName[];
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('the Lua scripts', () => {
  it('are one .lua file each, plus the prelude fragments, and nothing else', () => {
    const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.lua'));
    const expected = NAMES.map((n) => `${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.lua`);
    expect(files.sort()).toEqual([...expected, ...FRAGMENTS.map((f) => `${f}.lua`)].sort());
  });

  it('open with a header naming their KEYS, ARGV and what they return', () => {
    for (const file of readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.lua'))) {
      const text = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      const header = text
        .split('\n')
        .filter((line) => line.startsWith('--'))
        .join('\n');
      expect({
        file,
        keys: /KEYS/.test(header),
        argv: /ARGV/.test(header),
        returns: /Returns|Defines/.test(header),
      }).toEqual({ file, keys: true, argv: true, returns: true });
    }
  });

  it('run exactly the source the loader read (the prelude only where it belongs)', async () => {
    const prefix = testPrefix();
    try {
      await new RedisReservationStore(redis, prefix).list(0);
      const [cached] = (await redis.script('EXISTS', sha1(scriptSource('reservationList')))) as number[];
      expect(cached).toBe(1);
      expect(scriptSource('reservationList')).toContain('local function prune');
      expect(scriptSource('ledgerBook')).not.toContain('local function prune');
      expect(scriptSource('reservationReserve')).toContain('local function check_delta_limit');
      expect(scriptSource('reservationFill')).not.toContain('local function check_delta_limit');
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });

  it('are defined once per client', () => {
    expect(scriptsOf(redis)).toBe(scriptsOf(redis));
  });
});

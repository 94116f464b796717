import { createMarketTick, createTestSurface } from '@gamma/shared/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamKey } from '../keys/key-table.ts';
import { silentLogger } from '../lib/logger.ts';
import { createRedisOnceMarks } from '../stores/once/redis-once-marks.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { createRedis } from './redis.ts';
import { createRedisStreamsBus } from './redis-streams-bus.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const COMMON_CAP = 1000;
const SURFACE_CAP = 50;
const PUBLISHED = 400;
// `MAXLEN ~` drops whole radix-tree nodes only, so a stream keeps its cap plus at most one node's entries
// (`stream-node-max-entries`, 100 by default; fewer when entries are large: `stream-node-max-bytes`).
const NODE_ENTRIES = 100;
const caps = { maxLen: COMMON_CAP, streamMaxLens: { 'market.vol_surface': SURFACE_CAP } };

const surfaces = (count: number) =>
  Array.from({ length: count }, (_, i) => createTestSurface({ atm_iv: 0.5 + i / 10_000 }));

describe('per-stream caps (STREAM_MAXLEN_VOL_SURFACE)', () => {
  let prefix: string;
  const lengthOf = (name: 'market.vol_surface' | 'market.tick') => redis.xlen(streamKey(prefix, name));

  beforeEach(() => {
    prefix = testPrefix();
  });
  afterEach(() => deleteKeys(redis, `${prefix}:*`));

  it('trims the surfaces published on the bus near their own cap, and the ticks at the common one', async () => {
    const bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, ...caps, log: silentLogger });
    try {
      for (const surface of surfaces(PUBLISHED)) await bus.publish('market.vol_surface', surface);
      for (let i = 0; i < PUBLISHED; i += 1)
        await bus.publish('market.tick', createMarketTick({ price: 100_000 + i }));
    } finally {
      await bus.close();
    }

    const kept = await lengthOf('market.vol_surface');
    expect(kept).toBeGreaterThanOrEqual(SURFACE_CAP);
    expect(kept).toBeLessThan(SURFACE_CAP + NODE_ENTRIES);
    expect(await lengthOf('market.tick')).toBe(PUBLISHED);
  });

  it('trims the surfaces a once effect appends (effect-append.lua) at their own cap too', async () => {
    const once = createRedisOnceMarks(redis, { prefix, ...caps });
    const done = await once.append({
      stream: 'market.vol_surface',
      scope: 'engine',
      key: 'surfaces',
      messages: surfaces(PUBLISHED),
      ttlS: 60,
    });

    expect(done.first).toBe(true);
    const kept = await lengthOf('market.vol_surface');
    expect(kept).toBeGreaterThanOrEqual(SURFACE_CAP);
    expect(kept).toBeLessThan(SURFACE_CAP + NODE_ENTRIES);
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyTable } from '../keys/key-table.ts';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { createRedis } from './redis.ts';
import { readStreamInfo, readStreamStats } from './redis-stream-info.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('stream statistics', () => {
  let prefix: string;
  let key: string;

  beforeEach(() => {
    prefix = testPrefix();
    key = keyTable(prefix).stream('strategy.intent');
  });
  afterEach(() => deleteKeys(redis, `${prefix}:*`));

  it('reads a missing stream as absent, without groups', async () => {
    expect(await readStreamStats(redis, key)).toEqual({
      exists: false,
      length: 0,
      lastEntryId: null,
      groups: [],
    });
    expect(await readStreamInfo(redis, key)).toEqual({ length: 0, groups: [] });
  });

  it('finds the oldest pending entry of a group, else its first undelivered one', async () => {
    const first = await redis.xadd(key, '1000-0', 'data', '{}');
    const second = await redis.xadd(key, '2000-0', 'data', '{}');
    await redis.xgroup('CREATE', key, 'reading', '0');
    await redis.xgroup('CREATE', key, 'behind', '0');
    await redis.xgroup('CREATE', key, 'done', '$');
    await redis.xreadgroup('GROUP', 'reading', 'c1', 'COUNT', 1, 'STREAMS', key, '>');

    const stats = await readStreamStats(redis, key);
    expect(stats).toMatchObject({ exists: true, length: 2, lastEntryId: second });
    const byName = Object.fromEntries(stats.groups.map((g) => [g.name, g]));
    expect(byName.reading).toMatchObject({
      consumers: 1,
      pending: 1,
      lastDeliveredId: first,
      lag: 1,
      oldestPending: { id: first, idleMs: expect.any(Number) },
      nextUndeliveredId: null,
    });
    expect(byName.behind).toMatchObject({
      pending: 0,
      lag: 2,
      oldestPending: null,
      nextUndeliveredId: first,
    });
    expect(byName.done).toMatchObject({ pending: 0, lag: 0, oldestPending: null, nextUndeliveredId: null });
    expect((await readStreamInfo(redis, key)).groups.map((g) => g.name).sort()).toEqual([
      'behind',
      'done',
      'reading',
    ]);
  });
});

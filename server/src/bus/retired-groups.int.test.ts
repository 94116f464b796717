import { afterAll, describe, expect, it } from 'vitest';
import { streamKey } from '../keys/key-table.ts';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { createRedis } from './redis.ts';
import { retireGroups } from './retired-groups.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('retireGroups', () => {
  it('destroys the groups market data was split in, keeps the others, and is a no-op the second time', async () => {
    const prefix = testPrefix();
    try {
      const tick = streamKey(prefix, 'market.tick');
      const orders = streamKey(prefix, 'order.command');
      await redis.xgroup('CREATE', tick, 'paper-exchange', '$', 'MKSTREAM');
      await redis.xgroup('CREATE', tick, 'audit-recorder', '$');
      await redis.xgroup('CREATE', orders, 'paper-exchange', '$', 'MKSTREAM');
      expect(await retireGroups(redis, prefix)).toBe(1);
      expect(await retireGroups(redis, prefix)).toBe(0);
      const names = async (key: string) =>
        ((await redis.xinfo('GROUPS', key)) as unknown[][]).map((g) => g[1]);
      expect(await names(tick)).toEqual(['audit-recorder']);
      expect(await names(orders)).toEqual(['paper-exchange']);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});

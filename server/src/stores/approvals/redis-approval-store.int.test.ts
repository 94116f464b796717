import { IntentApprovalCommandSchema } from '@gamma/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import {
  claimInput,
  describeApprovalStoreContract,
  fourEyesRecord,
  record,
  T0,
  TTL_MS,
} from './approval-store.contract.ts';
import { RedisApprovalStore } from './redis-approval-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const commandsOf = async (prefix: string) => {
  const entries = await redis.xrange(keyTable(prefix).stream('intent.approval'), '-', '+');
  return entries.map(([, fields]) => {
    expect(fields[0]).toBe('data');
    return IntentApprovalCommandSchema.parse(JSON.parse(fields[1] ?? ''));
  });
};

describeApprovalStoreContract('RedisApprovalStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    store: new RedisApprovalStore(redis, { prefix, maxLen: 1000 }),
    commands: () => commandsOf(prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('RedisApprovalStore', () => {
  it('writes nothing for a claim of an unknown intent', async () => {
    const prefix = testPrefix();
    const store = new RedisApprovalStore(redis, { prefix, maxLen: 1000 });
    expect(await store.claim(claimInput('nope'))).toEqual({ ok: false, code: 'NOT_FOUND' });
    expect(await redis.exists(keyTable(prefix).approval('nope'))).toBe(0);
  });

  describe('when approve, veto and expiry race from two clients', () => {
    it('lets exactly one win, every time', async () => {
      const prefix = testPrefix();
      const store = new RedisApprovalStore(redis, { prefix, maxLen: 1000 });
      try {
        for (let round = 0; round < 20; round += 1) {
          const id = `race-${round}`;
          await store.create(record(id));
          const client = createRedis(TEST_REDIS_URL, { log: silentLogger });
          const other = new RedisApprovalStore(client, { prefix, maxLen: 1000 });
          // expiry runs with a clock past expires_at; the users' clocks are before it
          const results = await Promise.all([
            store.claim(claimInput(id, { requestedBy: 'alice' })),
            other.claim(claimInput(id, { requestedBy: 'bob', command: 'veto', reason: 'no' })),
            other.expire(id, T0 + TTL_MS),
            store.claim(claimInput(id, { requestedBy: 'carol' })),
          ]);
          await client.quit();
          const wins = results.filter((r) => r === true || (typeof r === 'object' && r.ok && !r.repeated));
          expect(wins).toHaveLength(1);
          const status = (await store.get(id))?.status;
          const published = (await commandsOf(prefix)).filter((c) => c.intent_id === id);
          expect(published).toHaveLength(status === 'claimed' ? 1 : 0);
          expect(status === 'claimed' || status === 'expired').toBe(true);
        }
      } finally {
        await deleteKeys(redis, `${prefix}:*`);
      }
    });
  });

  describe('when two traders and the first one again race for a four-eyes record', () => {
    it('takes one first approval, never the same user twice, and at most one claim', async () => {
      const prefix = testPrefix();
      const store = new RedisApprovalStore(redis, { prefix, maxLen: 1000 });
      try {
        for (let round = 0; round < 20; round += 1) {
          const id = `four-eyes-${round}`;
          await store.create(fourEyesRecord(id));
          const client = createRedis(TEST_REDIS_URL, { log: silentLogger });
          const other = new RedisApprovalStore(client, { prefix, maxLen: 1000 });
          const results = await Promise.all([
            store.claim(claimInput(id, { requestedBy: 'alice' })),
            other.claim(claimInput(id, { requestedBy: 'alice' })),
            other.claim(claimInput(id, { requestedBy: 'bob' })),
            store.claim(claimInput(id, { requestedBy: 'alice' })),
          ]);
          await client.quit();
          const firsts = results.filter((r) => r.ok && r.stage === 'first');
          const finals = results.filter((r) => r.ok && r.stage === 'final' && !r.repeated);
          expect(firsts).toHaveLength(1);
          expect(finals.length).toBeLessThanOrEqual(1);
          const r = await store.get(id);
          const published = (await commandsOf(prefix)).filter((c) => c.intent_id === id);
          expect(published).toHaveLength(1 + finals.length);
          // The claim, when there is one, is by the trader who did not approve first
          if (r?.status === 'claimed') expect(r.claimed_by).not.toBe(r.first_approved_by);
          else expect(r?.status).toBe('awaiting_second');
        }
      } finally {
        await deleteKeys(redis, `${prefix}:*`);
      }
    });
  });
});

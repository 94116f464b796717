import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../../bus/redis.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { keyTable, TRANSACTION_KEYS } from '../../keys/key-table.ts';
import type { LoginFailureStore, SessionRecord, SessionStore } from './session-store.ts';

const recordOf = (raw: string | null): SessionRecord | null => {
  if (raw === null) return null;
  const parsed = JSON.parse(raw) as Partial<SessionRecord>;
  const { username, created_ms: created, last_seen_ms: lastSeen } = parsed;
  if (typeof username !== 'string' || typeof created !== 'number' || typeof lastSeen !== 'number')
    return null;
  return { username, created_ms: created, last_seen_ms: lastSeen };
};

/** The replies of a transaction; the first failed command (or a discarded transaction) throws. */
async function execOrThrow(multi: ChainableCommander, what: string): Promise<unknown[]> {
  const replies = await multi.exec();
  if (replies === null) throw new InfrastructureError(`${what}: transaction discarded`);
  const failed = replies.find(([error]) => error !== null);
  if (failed !== undefined)
    throw new InfrastructureError(`${what}: ${String(failed[0])}`, { cause: failed[0] });
  return replies.map(([, reply]) => reply);
}

/** At least one millisecond: RedisClient refuses a zero or negative expiry. */
const ttl = (ms: number): number => Math.max(1, Math.ceil(ms));

/**
 * Sessions in Redis: `<prefix>:session:{<prefix>:sessions}:<id hash>` holds the record's JSON with an expiry
 * (`SET … PX`), and `<prefix>:user_sessions:{<prefix>:sessions}:<username>` the id hashes of a user's sessions, so
 * disabling a user ends them all (one tag: one slot on a Redis Cluster).
 * A refresh is `SET … XX`, so a session deleted meanwhile (logout, disable) is never written back.
 */
export function createRedisSessionStore(redis: RedisClient, prefix: string): SessionStore {
  const keys = keyTable(prefix);
  return {
    async create(idHash, record, lifetime) {
      // One slot (the sessions' tag), so the transaction also runs on a Redis Cluster
      const [session, index] = TRANSACTION_KEYS.sessionCreate(keys, idHash, record.username);
      await execOrThrow(
        redis
          .multi()
          .set(session, JSON.stringify(record), 'PX', ttl(lifetime.ttlMs))
          .sadd(index, idHash)
          .pexpire(index, ttl(lifetime.userTtlMs)),
        'session create',
      );
      // Forget the user's sessions that expired by themselves, so the index stays small
      const members = await redis.smembers(index);
      const exists = await Promise.all(members.map((member) => redis.exists(keys.session(member))));
      const gone = members.filter((_, i) => exists[i] === 0);
      if (gone.length > 0) await redis.srem(index, ...gone);
    },
    async get(idHash) {
      return recordOf(await redis.get(keys.session(idHash)));
    },
    async refresh(idHash, record, ttlMs) {
      const reply = await redis.set(keys.session(idHash), JSON.stringify(record), 'PX', ttl(ttlMs), 'XX');
      return reply === 'OK';
    },
    async delete(idHash) {
      return (await redis.del(keys.session(idHash))) > 0;
    },
    async deleteUser(username, options = {}) {
      const index = keys.userSessions(username);
      const members = (await redis.smembers(index)).filter((member) => member !== options.except);
      const deleted = await Promise.all(members.map((member) => redis.del(keys.session(member))));
      if (options.except === undefined) await redis.del(index);
      else if (members.length > 0) await redis.srem(index, ...members);
      return members.filter((_, i) => deleted[i] === 1);
    },
  };
}

/**
 * KEYS: the subjects' counters; ARGV: limit, ttl ms. Counts one attempt of every subject when all are below
 * the limit; returns [reserved (1/0), count before, …].
 */
const RESERVE_SCRIPT = `
local counts = {}
local reserved = 1
for i, key in ipairs(KEYS) do
  counts[i] = tonumber(redis.call('GET', key) or '0')
  if counts[i] >= tonumber(ARGV[1]) then reserved = 0 end
end
if reserved == 1 then
  for _, key in ipairs(KEYS) do
    redis.call('INCR', key)
    redis.call('PEXPIRE', key, ARGV[2])
  end
end
local reply = { reserved }
for i = 1, #counts do reply[i + 1] = counts[i] end
return reply
`;

/** KEYS: the subjects' counters. Takes one attempt back from each counter above zero. */
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 1
`;

/**
 * Sign-in attempts in Redis: one counter per subject and window, reserved and released by Lua scripts, so
 * the check of every subject and the count of the attempt are one atomic step across every gateway.
 */
export function createRedisLoginFailureStore(redis: RedisClient, prefix: string): LoginFailureStore {
  const keys = keyTable(prefix);
  // One slot (the counters' tag), so MGET and the scripts also run on a Redis Cluster
  const keysOf = (subjects: readonly string[], window: number) =>
    TRANSACTION_KEYS.loginFailures(keys, subjects, window);
  return {
    async count(subjects, window) {
      if (subjects.length === 0) return [];
      const values = await redis.mget(...keysOf(subjects, window));
      return values.map((value) => Number(value ?? 0) || 0);
    },
    async reserve(subjects, window, { limit, ttlMs }) {
      const reply = (await redis.eval(
        RESERVE_SCRIPT,
        subjects.length,
        ...keysOf(subjects, window),
        limit,
        ttl(ttlMs),
      )) as number[];
      return { reserved: reply[0] === 1, counts: reply.slice(1).map(Number) };
    },
    async release(subjects, window) {
      if (subjects.length === 0) return;
      await redis.eval(RELEASE_SCRIPT, subjects.length, ...keysOf(subjects, window));
    },
  };
}

import type { RedisClient } from '../../bus/redis.ts';
import { encodeMessage } from '../../bus/codec.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { keyTable, SCRIPT_KEYS } from '../../keys/key-table.ts';
import { scriptsOf } from '../scripts/scripts.ts';
import { maxLenOf, type StreamCaps } from '../../bus/stream-caps.ts';
import { DONE, wholeSeconds, type Done, type OnceMarks } from './once-marks.ts';

/** The `{1|0, outcome}` reply of a once script. */
export function doneReply(reply: unknown, what: string): Done {
  if (!Array.isArray(reply) || reply.length !== 2 || typeof reply[1] !== 'string')
    throw new InfrastructureError(`${what}: unexpected reply ${JSON.stringify(reply)}`);
  return { first: reply[0] === 1, outcome: reply[1] };
}

/**
 * Once marks in Redis. `append` runs `effect-append.lua` (XADD every entry `MAXLEN ~` the stream's cap, then SET the
 * mark `<prefix>:done:{<prefix>:<stream>}:<scope>:<key>`); `record` is `SET <prefix>:<scope>:<key> NX`.
 */
export function createRedisOnceMarks(
  redis: RedisClient,
  options: { prefix: string } & StreamCaps,
): OnceMarks {
  const keys = keyTable(options.prefix);
  const scripts = scriptsOf(redis);
  return {
    async append(effect) {
      const data = effect.messages.map((m) => encodeMessage(effect.stream, m));
      const reply = await scripts.effectAppend(
        SCRIPT_KEYS.effectAppend(keys, effect.key, effect.stream, effect.scope),
        [effect.outcome ?? DONE, wholeSeconds(effect.ttlS), maxLenOf(options, effect.stream), ...data],
      );
      return doneReply(reply, `append once to ${effect.stream}`);
    },
    async appended(stream, scope, ids) {
      if (ids.length === 0) return [];
      return redis.mget(ids.map((id) => keys.effectDone(stream, scope, id)));
    },
    async record(scope, key, { outcome, ttlS }) {
      const id = keys.once(scope, key);
      // SET … NX GET: the earlier outcome when there is one, else null (and ours is set)
      const earlier = await redis.set(id, outcome, 'EX', wholeSeconds(ttlS), 'NX', 'GET');
      return earlier === null ? { first: true, outcome } : { first: false, outcome: earlier };
    },
    recorded: (scope, key) => redis.get(keys.once(scope, key)),
  };
}

import type { RedisClient } from '../../bus/redis.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { keyTable, SCRIPT_KEYS } from '../../keys/key-table.ts';
import type { OnceMarks } from '../once/once-marks.ts';
import { scriptsOf } from '../scripts/scripts.ts';
import {
  createTradingStateStore,
  type QueuedEvent,
  type TradingStateBackend,
  type TradingStateStore,
} from './trading-state-store.ts';

/** The outbox's change counter field (every other field is a change number). */
const SEQ_FIELD = 'seq';

/** The `{1, seq}` / `{0, current}` reply of `trading-state-set.lua`: the change number, or null when refused. */
function writeReply(reply: unknown): number | null {
  if (!Array.isArray(reply) || reply.length !== 2)
    throw new InfrastructureError(`trading state set: unexpected reply ${JSON.stringify(reply)}`);
  return reply[0] === 1 ? Number(reply[1]) : null;
}

/**
 * Trading states in Redis: the hash `<prefix>:risk:{<prefix>:reservations}:trading_state` and its outbox
 * beside it (same slot), written together by `trading-state-set.lua`; events appended through `once`.
 */
export function createRedisTradingStateStore(
  redis: RedisClient,
  options: { prefix: string; once: OnceMarks },
): TradingStateStore {
  const keys = keyTable(options.prefix);
  const scripts = scriptsOf(redis);
  const backend: TradingStateBackend = {
    fields: () => redis.hgetall(keys.tradingState()),
    field: (field) => redis.hget(keys.tradingState(), field),
    async write({ field, expected, record, event }) {
      const reply = await scripts.tradingStateSet(SCRIPT_KEYS.tradingStateSet(keys), [
        field,
        expected ?? '',
        record,
        event,
      ]);
      return writeReply(reply);
    },
    async queued() {
      const all = await redis.hgetall(keys.tradingStateOutbox());
      const out: QueuedEvent[] = [];
      for (const [field, event] of Object.entries(all))
        if (field !== SEQ_FIELD) out.push({ seq: Number(field), event });
      return out.sort((a, b) => a.seq - b.seq);
    },
    async drop(seq) {
      await redis.hdel(keys.tradingStateOutbox(), String(seq));
    },
  };
  return createTradingStateStore(backend, options.once);
}

import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS } from '../../keys/key-table.ts';
import { doneReply } from '../once/redis-once-marks.ts';
import { scriptsOf } from '../scripts/scripts.ts';
import { OUTCOME_TTL_S, parseOutcome, positionField, type OrderLedger } from './order-ledger.ts';
import { createRedisPaperPositions } from './redis-paper-positions.ts';

/**
 * The ledger in Redis: outcomes under `<prefix>:order:{<prefix>:paper:positions}:<client_order_id>`, in
 * the slot of the positions hash, so `ledger-book.lua` records an outcome and its position in one step.
 */
export function createRedisOrderLedger(redis: RedisClient, prefix: string): OrderLedger {
  const keys = keyTable(prefix);
  const scripts = scriptsOf(redis);
  const positions = createRedisPaperPositions(redis, prefix);
  return {
    async book(id, outcome, position) {
      const field = position ? positionField(position) : '';
      const json = position && position.quantity !== 0 ? JSON.stringify(position) : '';
      const reply = await scripts.ledgerBook(SCRIPT_KEYS.ledgerBook(keys, id), [
        JSON.stringify(outcome),
        OUTCOME_TTL_S,
        field,
        json,
      ]);
      const done = doneReply(reply, `booking order ${id}`);
      return { first: done.first, outcome: parseOutcome(done.outcome) };
    },
    async outcome(id) {
      const raw = await redis.get(keys.paperOrder(id));
      return raw === null ? null : parseOutcome(raw);
    },
    savePosition: (p) => positions.save(p),
    loadPositions: () => positions.load(),
  };
}

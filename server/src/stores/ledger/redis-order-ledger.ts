import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS } from '../../keys/key-table.ts';
import { doneReply } from '../once/redis-once-marks.ts';
import { scriptsOf } from '../scripts/scripts.ts';
import {
  OUTCOME_TTL_S,
  parseOutcome,
  positionField,
  type OrderLedger,
  type StoredPosition,
} from './order-ledger.ts';

/** The script's arguments for an outcome and the position it leaves ('' fields: no position change, or flat). */
const bookArgs = (outcome: unknown, position: StoredPosition | null): (string | number)[] => [
  JSON.stringify(outcome),
  OUTCOME_TTL_S,
  position ? positionField(position) : '',
  position && position.quantity !== 0 ? JSON.stringify(position) : '',
];
import { createRedisPaperPositions, parsePosition } from './redis-paper-positions.ts';

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
      const reply = await scripts.ledgerBook(SCRIPT_KEYS.ledgerBook(keys, id), bookArgs(outcome, position));
      const done = doneReply(reply, `booking order ${id}`);
      return { first: done.first, outcome: parseOutcome(done.outcome) };
    },
    async bookFrom(id, outcome, move) {
      const args = [...bookArgs(outcome, move.position), move.version];
      const reply = await scripts.ledgerBook(SCRIPT_KEYS.ledgerBook(keys, id), args);
      // {2, the position now}: another process moved it since it was read
      if (Array.isArray(reply) && reply[0] === 2) return null;
      const done = doneReply(reply, `booking order ${id}`);
      return { first: done.first, outcome: parseOutcome(done.outcome) };
    },
    async positionOf(strategyId, symbol) {
      const raw = await redis.hget(keys.paperPositions(), positionField({ strategyId, symbol }));
      return raw === null ? { position: null, version: '' } : { position: parsePosition(raw), version: raw };
    },
    async outcome(id) {
      const raw = await redis.get(keys.paperOrder(id));
      return raw === null ? null : parseOutcome(raw);
    },
    savePosition: (p) => positions.save(p),
    loadPositions: () => positions.load(),
  };
}

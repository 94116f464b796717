import type { Redis } from 'ioredis';
import { recordKey } from './keys.ts';

/** What happened to one client order id, stored beside its claim. */
export interface OrderOutcome {
  status: 'filled' | 'rejected';
  /** Fill price (filled) */
  price?: number;
  /** Filled quantity (filled) */
  quantity?: number;
  /** Fee, USDT (filled) */
  fee?: number;
  /** Reason code (rejected) */
  reasonCode?: string;
  /** Epoch ms of the outcome */
  at: number;
}

/** A paper position of one strategy in one symbol, as the exchange keeps it. */
export interface StoredPosition {
  strategyId: string;
  symbol: string;
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
}

/**
 * Idempotency of `client_order_id`s and the paper exchange's durable state (SPEC §8.1): a claimed id
 * never fills twice, even across restarts.
 */
export interface OrderLedger {
  /** Claims an id (`SET NX`); true the first time, false for every repeat. */
  claim(clientOrderId: string): Promise<boolean>;
  /** Gives a claim back when its order had no effect (its fill could not be published), so a redelivery retries. */
  release(clientOrderId: string): Promise<void>;
  /** Stores the outcome of a claimed id. */
  recordOutcome(clientOrderId: string, outcome: OrderOutcome): Promise<void>;
  /** The stored outcome of an id, null if none (unclaimed, or claimed and not finished). */
  outcome(clientOrderId: string): Promise<OrderOutcome | null>;
  /** Saves one position (quantity 0 removes it). */
  savePosition(position: StoredPosition): Promise<void>;
  /** Every open position saved. */
  loadPositions(): Promise<StoredPosition[]>;
}

/** Claims are kept 30 days: far longer than any redelivery. */
const CLAIM_TTL_S = 30 * 86_400;

const positionField = (p: { strategyId: string; symbol: string }): string => `${p.strategyId}|${p.symbol}`;

function parsePosition(raw: string): StoredPosition | null {
  try {
    const v = JSON.parse(raw) as Partial<StoredPosition>;
    if (typeof v.strategyId !== 'string' || typeof v.symbol !== 'string') return null;
    if (![v.quantity, v.avgPrice, v.realizedPnl].every((n) => typeof n === 'number' && Number.isFinite(n)))
      return null;
    return v as StoredPosition;
  } catch {
    return null;
  }
}

/**
 * The Redis ledger: `<prefix>:order:<client_order_id>` holds `claimed` then the outcome JSON;
 * `<prefix>:paper:positions` is a hash of positions.
 */
export function createOrderLedger(redis: Redis, prefix: string): OrderLedger {
  const orderKey = (id: string) => recordKey(prefix, 'order', id);
  const positionsKey = recordKey(prefix, 'paper', 'positions');
  return {
    async claim(id) {
      const res = await redis.set(orderKey(id), 'claimed', 'EX', CLAIM_TTL_S, 'NX');
      return res === 'OK';
    },
    async release(id) {
      await redis.del(orderKey(id));
    },
    async recordOutcome(id, outcome) {
      await redis.set(orderKey(id), JSON.stringify(outcome), 'EX', CLAIM_TTL_S);
    },
    async outcome(id) {
      const raw = await redis.get(orderKey(id));
      if (raw === null || raw === 'claimed') return null;
      return JSON.parse(raw) as OrderOutcome;
    },
    async savePosition(p) {
      if (p.quantity === 0) await redis.hdel(positionsKey, positionField(p));
      else await redis.hset(positionsKey, positionField(p), JSON.stringify(p));
    },
    async loadPositions() {
      const all = await redis.hgetall(positionsKey);
      return Object.values(all)
        .map(parsePosition)
        .filter((p): p is StoredPosition => p !== null);
    },
  };
}

/** The same ledger in memory (unit tests, single process without Redis). */
export function createMemoryOrderLedger(): OrderLedger {
  const orders = new Map<string, OrderOutcome | 'claimed'>();
  const positions = new Map<string, StoredPosition>();
  return {
    async claim(id) {
      if (orders.has(id)) return false;
      orders.set(id, 'claimed');
      return true;
    },
    async release(id) {
      orders.delete(id);
    },
    async recordOutcome(id, outcome) {
      orders.set(id, outcome);
    },
    async outcome(id) {
      const v = orders.get(id);
      return v === undefined || v === 'claimed' ? null : v;
    },
    async savePosition(p) {
      if (p.quantity === 0) positions.delete(positionField(p));
      else positions.set(positionField(p), { ...p });
    },
    async loadPositions() {
      return [...positions.values()].map((p) => ({ ...p }));
    },
  };
}

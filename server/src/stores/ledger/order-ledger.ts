import type { ReasonCode } from '@gamma/shared';
import type { OnceMarks } from '../once/once-marks.ts';

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
  reasonCode?: ReasonCode;
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

/** The paper exchange's open positions, surviving restarts. */
export interface PaperPositions {
  /** Saves one position (quantity 0 removes it). */
  save(position: StoredPosition): Promise<void>;
  /** Every open position saved. */
  load(): Promise<StoredPosition[]>;
}

/**
 * Idempotency of `client_order_id`s and the paper exchange's durable state (SPEC §8.1): a claimed id
 * never fills twice, even across restarts.
 */
export interface OrderLedger {
  /** Claims an id; true the first time, false for every repeat. */
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

/** The ledger on the `order` once marks (`<prefix>:order:<client_order_id>`) and the saved positions. */
export function createOrderLedger(once: OnceMarks, positions: PaperPositions): OrderLedger {
  return {
    claim: (id) => once.claim('order', id, CLAIM_TTL_S),
    release: (id) => once.release('order', id),
    recordOutcome: (id, outcome) =>
      once.settle('order', id, { outcome: JSON.stringify(outcome), ttlS: CLAIM_TTL_S }),
    async outcome(id) {
      const raw = await once.outcome('order', id);
      return raw === null ? null : (JSON.parse(raw) as OrderOutcome);
    },
    savePosition: (p) => positions.save(p),
    loadPositions: () => positions.load(),
  };
}

/** The hash field of a position: `<strategy>|<symbol>`. */
export const positionField = (p: { strategyId: string; symbol: string }): string =>
  `${p.strategyId}|${p.symbol}`;

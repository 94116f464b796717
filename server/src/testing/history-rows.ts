import type { DecisionStatus, StreamMessage, StreamName } from '@gamma/shared';
import type { AuditRow } from '../audit/audit-store.ts';
import { toAuditRow } from '../audit/core/audit-row.ts';

/** The strategies of seeded intents, in turn: intent `i` is `HISTORY_STRATEGIES[i % 3]`. */
export const HISTORY_STRATEGIES = ['pq_vol_trader_btc', 'pq_vol_trader_eth', 'grid_btc'] as const;
/** The outcomes of seeded intents, in turn: intent `i` ends `HISTORY_OUTCOMES[i % 4]`. */
export const HISTORY_OUTCOMES = ['approved', 'vetoed', 'expired', 'pending_approval'] as const;

/** What {@link historyRows} seeds: `intents` intents one `stepMs` apart from `startMs` on. */
export interface HistorySeed {
  /** Intent ids are `<idPrefix>-<i>` (i from 0) */
  idPrefix: string;
  intents: number;
  startMs: number;
  stepMs: number;
}

const SYMBOLS = { pq_vol_trader_btc: 'BTC/USDT', pq_vol_trader_eth: 'ETH/USDT', grid_btc: 'BTC/USDT' };
const ACTIONS = { pq_vol_trader_btc: 'buy_straddle', pq_vol_trader_eth: 'sell_straddle', grid_btc: 'buy' };

type Emit = <TName extends StreamName>(stream: TName, message: StreamMessage<TName>) => void;

/** An approved intent's orders: an order command and its fill per leg (two for a straddle). */
function orderLegs(
  emit: Emit,
  {
    common,
    symbol,
    option,
  }: {
    common: { intent_id: string; strategy_id: string; timestamp: string; metadata: object };
    symbol: string;
    option: boolean;
  },
): void {
  const intentId = common.intent_id;
  const base = symbol.slice(0, 3);
  const legs = option ? [`${base}-27MAR26-60000-C`, `${base}-27MAR26-60000-P`] : [symbol];
  legs.forEach((leg, n) => {
    const order = {
      ...common,
      metadata: {},
      symbol: leg,
      side: 'buy' as const,
      quantity: 0.1,
      client_order_id: `${intentId}-${n}`,
    };
    emit('order.command', { ...order, order_type: 'limit', price: 100, command: 'create', order_id: null });
    emit('order.fill', { ...order, order_id: `paper-${intentId}-${n}`, price: 99 + n, fee: 0.01 });
  });
}

/** Rows of one intent as the recorder writes them, each entry id at `ms` with its own sequence. */
function rowsOfIntent(seed: HistorySeed, i: number): AuditRow[] {
  const ms = seed.startMs + i * seed.stepMs;
  const timestamp = new Date(ms).toISOString();
  const strategy = HISTORY_STRATEGIES[i % HISTORY_STRATEGIES.length] ?? 'grid_btc';
  const outcome = HISTORY_OUTCOMES[i % HISTORY_OUTCOMES.length] ?? 'approved';
  const intentId = `${seed.idPrefix}-${i}`;
  const symbol = SYMBOLS[strategy];
  const action = ACTIONS[strategy];
  const option = strategy !== 'grid_btc';
  const common = { intent_id: intentId, strategy_id: strategy, timestamp, metadata: {} };
  const rows: AuditRow[] = [];
  const emit: Emit = (stream, message) => {
    rows.push(toAuditRow(stream, `${ms}-${rows.length}`, message));
  };
  emit('strategy.intent', {
    ...common,
    symbol,
    intent_type: option ? 'increase_long_gamma' : 'grid',
    action,
    direction: 'buy',
    quantity: 0.1,
    confidence: 0.7,
    reason: null,
  });
  const decide = (status: DecisionStatus): void =>
    emit('intent.decision', {
      ...common,
      decision_id: `${intentId}:${status}`,
      symbol,
      action,
      direction: 'buy',
      quantity: 0.1,
      status,
      reason_codes: [],
      reason: status === 'vetoed' ? 'too close to the event' : null,
      checks: [{ check: 'order_notional', passed: true, reason_code: null, value: 1000 + i, limit: 250_000 }],
      decided_by: status === 'pending_approval' || status === 'expired' ? 'engine' : 'alice',
      approvers: status === 'approved' ? ['alice'] : [],
      approval_mode: 'manual',
      expires_at: status === 'pending_approval' ? timestamp : null,
    });
  decide('pending_approval');
  if (outcome !== 'pending_approval') decide(outcome);
  if (outcome === 'approved') orderLegs(emit, { common, symbol, option });
  return rows;
}

/**
 * Audit rows of `intents` intents as the recorder would write them (through `toAuditRow`): strategies and
 * outcomes in turn (see {@link HISTORY_STRATEGIES}, {@link HISTORY_OUTCOMES}); each intent has a
 * `pending_approval` decision and then its outcome's, with an `order_notional` check of `1000 + i` USD; an
 * approved one has an order command and a fill per leg (two for a straddle). For tests and the benchmark.
 */
export function historyRows(seed: HistorySeed): AuditRow[] {
  return Array.from({ length: seed.intents }, (_, i) => rowsOfIntent(seed, i)).flat();
}

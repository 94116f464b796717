import type { ReasonCode, RiskCheckVerdict, StrategyIntentEvent } from '@gamma/shared';
import type { ReserveRequest, RiskBookView } from '../../../stores/reservations/reservation-store.ts';
import { bookInput, riskBookOf } from './book-view.ts';
import { reserveCapacity, type CapacityConfig } from './capacity.ts';
import { reducesExposure } from './exposure.ts';
import { validateIntake, type ResolvedTrade } from './intake.ts';
import type { MarketView } from './market-view.ts';
import { strategyPosition, type PortfolioState } from './portfolio-state.ts';
import { classifyHedge, PROTECTIVE_WAIVED_CHECKS, type HedgeClassification } from './protective.ts';
import { RESERVATION_TTL_MS } from './reservations.ts';
import { reserveRequest } from './reserve-request.ts';
import { mergeChecks, pureChecks, runChecks, type CheckOutcome, type PureVerdicts } from './run-checks.ts';
import type { CatalogueLimits, CheckInput, OrderLeg, RiskLimits } from './types.ts';
import { catalogueInput, type RiskRecords } from './catalogue-context.ts';
import { orderNotionalUsd } from './check-order-notional.ts';
import { valueOrder } from './valuation.ts';

/** What checking an intent reads (the evaluation context, less the approval policy's inputs). */
export interface CheckContext {
  portfolio: PortfolioState;
  market: MarketView;
  /** The aggregate risk book (held + reserved per instrument, trading states) as read before */
  book: RiskBookView;
  /**
   * The verdicts of the atomic check-and-reserve for this order: when given, they are the checks (the
   * decision records what the script checked); null for the pure pass before it
   */
  atomic: readonly RiskCheckVerdict[] | null;
  config: {
    limits: RiskLimits;
    catalogue: CatalogueLimits;
    minExpiryHours: number;
    strangleDelta: number;
    priceBufferPct: number;
    /** The shared capacities' settings (absent: the request carries none and they are not checked) */
    capacity?: CapacityConfig;
  };
  /** What the shared risk records held when this process last read them */
  records: RiskRecords;
  nowMs: number;
  /**
   * Shared by the passes of one check-and-reserve, which read one state (the same context but for
   * `atomic`): what comes before the merge of the script's verdicts is computed once per intent
   */
  memo?: CheckMemo;
}

/** A checked intent before the atomic verdicts are merged in (see {@link CheckContext.memo}). */
type PreparedCheck =
  | { kind: 'final'; result: CheckResult }
  | { kind: 'priced'; checked: Omit<Checked, 'outcome'>; input: CheckInput; pure: PureVerdicts };

/** Prepared checks by intent id. */
export type CheckMemo = Map<string, PreparedCheck>;

type CheckResult =
  | { kind: 'hold' }
  | { kind: 'intake_failed'; reasonCodes: ReasonCode[]; reason: string }
  | ({ kind: 'checked' } & Checked);

/** A checked intent: its trade, the checks' outcome, the request of the atomic step, the hedge lane's view. */
export interface Checked {
  trade: ResolvedTrade;
  outcome: CheckOutcome;
  /** The priced legs (empty when the order could not be valued) */
  legs: OrderLeg[];
  /** The atomic step's request (null when the order could not be valued) */
  request: ReserveRequest | null;
  hedge: HedgeClassification;
  /** The order only shrinks positions, or is a protective hedge */
  reducing: boolean;
  /** Σ |quantity| × spot of the priced legs (the `order_notional` figure), USD; null when unpriced */
  notionalUsd: number | null;
}

/** Intake, then valuation and every check; a failed intake returns its codes instead. */
export function checkIntent(intent: StrategyIntentEvent, ctx: CheckContext): CheckResult {
  const prepared = ctx.memo?.get(intent.intent_id) ?? prepareCheck(intent, ctx);
  ctx.memo?.set(intent.intent_id, prepared);
  if (prepared.kind === 'final') return prepared.result;
  return {
    kind: 'checked',
    ...prepared.checked,
    outcome: mergeChecks(prepared.input, prepared.pure, ctx.atomic),
  };
}

/** Everything of {@link checkIntent} that does not read the atomic verdicts. */
function prepareCheck(intent: StrategyIntentEvent, ctx: CheckContext): PreparedCheck {
  const final = (result: CheckResult): PreparedCheck => ({ kind: 'final', result });
  const intake = validateIntake(intent, strategyPosition(ctx.portfolio, intent.strategy_id, intent.symbol));
  if (!intake.ok)
    return final({ kind: 'intake_failed', reasonCodes: intake.reasonCodes, reason: intake.reason });
  if (intake.kind === 'hold') return final({ kind: 'hold' });
  const { trade } = intake;
  const order = valueOrder(intent, trade, { ...ctx.config, market: ctx.market, nowMs: ctx.nowMs });
  const { equity, peak } = ctx.portfolio;
  // The risk book as read (held + reserved), valued at the engine's marks: hedge and reduction are judged on it
  const book = riskBookOf(ctx.book, { equity, peak, figures: {} });
  const legs = order.ok ? order.legs : [];
  const hedge = classifyHedge(intent, { legs, book }, { market: ctx.market, nowMs: ctx.nowMs });
  const reducing = hedge.protective || reducesExposure(book, legs);
  const notionalUsd = order.ok ? orderNotionalUsd(legs) : null;
  const catalogue = catalogueInput(intent, trade, ctx);
  const waive = hedge.protective ? PROTECTIVE_WAIVED_CHECKS : undefined;
  if (!order.ok) {
    const outcome = runChecks({ book, order, limits: ctx.config.limits, catalogue }, waive);
    if (outcome.reason !== null) outcome.reason = `${outcome.reason} (${order.reason})`;
    return final({ kind: 'checked', trade, outcome, legs, request: null, hedge, reducing, notionalUsd });
  }
  const request = reserveRequest({
    intentId: intent.intent_id,
    strategyId: intent.strategy_id,
    protective: hedge.protective,
    legs,
    portfolio: ctx.portfolio,
    market: ctx.market,
    book: ctx.book,
    limits: ctx.config.limits,
    expiresAtMs: ctx.nowMs + RESERVATION_TTL_MS,
    nowMs: ctx.nowMs,
    ...(ctx.config.capacity
      ? { capacity: reserveCapacity(intent, ctx.portfolio.strategyPositions, ctx.config.capacity) }
      : {}),
  });
  // The pure pass on the book as read, then with the atomic step's verdicts, which the decision records;
  // the rest of the catalogue is checked here only
  const input = { ...bookInput(ctx.book, request), catalogue };
  const pure = pureChecks(input, waive);
  return { kind: 'priced', checked: { trade, legs, request, hedge, reducing, notionalUsd }, input, pure };
}

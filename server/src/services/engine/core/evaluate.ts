import type { ReasonCode, StreamInput, StrategyIntentEvent } from '@gamma/shared';
import { buildDecision } from './decision.ts';
import { validateIntake, type ResolvedTrade } from './intake.ts';
import type { MarketView } from './market-view.ts';
import { approvalModeFor } from './policy.ts';
import { accountQuantities, buildBook, strategyPosition, type PortfolioState } from './portfolio-state.ts';
import type { Reservation } from './reservations.ts';
import { buildExecutionCommand, buildOrderCommand } from './routing.ts';
import { runChecks, type CheckOutcome } from './run-checks.ts';
import type { OrderLeg, RiskLimits } from './types.ts';
import { valueOrder } from './valuation.ts';
import { optionWhatIf, type WhatIfMetadata } from './what-if.ts';

/** The engine's configuration (SPEC §11: APPROVAL_*, RISK_*, EXEC_*). */
export interface EngineConfig {
  limits: RiskLimits;
  policy: { mode: 'manual' | 'auto'; autoApproveActions: readonly string[] };
  /** `APPROVAL_TTL_S` */
  approvalTtlS: number;
  /** `EXEC_MIN_EXPIRY_H`, `EXEC_STRANGLE_DELTA`, `EXEC_PRICE_BUFFER_PCT` (legs for valuation) */
  minExpiryHours: number;
  strangleDelta: number;
  priceBufferPct: number;
}

/** Everything an evaluation reads: the state at that moment and the time. */
export interface EvaluationContext {
  portfolio: PortfolioState;
  market: MarketView;
  reservations: readonly Reservation[];
  config: EngineConfig;
  nowMs: number;
}

/** A routed message: an order command or an execution command. */
export type Route =
  | { stream: 'order.command'; message: StreamInput<'order.command'> }
  | { stream: 'execution.command'; message: StreamInput<'execution.command'> };

type Decision = StreamInput<'intent.decision'>;

/** What to do with an intent (SPEC §5.3). */
export type Evaluation =
  | { kind: 'hold' }
  | { kind: 'vetoed'; decision: Decision }
  | {
      kind: 'pending';
      decision: Decision;
      outcome: CheckOutcome;
      expiresAtMs: number;
      /** Option intents: the underlying's Greeks before/after the legs (`metadata.what_if`); else null */
      whatIf: WhatIfMetadata | null;
    }
  | { kind: 'approved'; decision: Decision; route: Route; reserve: OrderLeg[] }
  | { kind: 'rejected_on_recheck'; decision: Decision };

/** The route of an approved trade (SPEC §5.1). */
export function routeOf(
  intent: StrategyIntentEvent,
  trade: ResolvedTrade,
  by: { approvedBy: string; nowMs: number },
): Route {
  return trade.route === 'execution'
    ? { stream: 'execution.command', message: buildExecutionCommand(intent, trade, by) }
    : { stream: 'order.command', message: buildOrderCommand(intent, trade, by) };
}

interface Checked {
  trade: ResolvedTrade;
  outcome: CheckOutcome;
  /** The priced legs (empty when the order could not be valued) */
  legs: OrderLeg[];
}

/** Intake, then valuation and every check; a failed intake returns its codes instead. */
function check(
  intent: StrategyIntentEvent,
  ctx: EvaluationContext,
):
  | { kind: 'hold' }
  | { kind: 'intake_failed'; reasonCodes: ReasonCode[]; reason: string }
  | ({ kind: 'checked' } & Checked) {
  const intake = validateIntake(intent, strategyPosition(ctx.portfolio, intent.strategy_id, intent.symbol));
  if (!intake.ok) return { kind: 'intake_failed', reasonCodes: intake.reasonCodes, reason: intake.reason };
  if (intake.kind === 'hold') return { kind: 'hold' };
  const { trade } = intake;
  const order = valueOrder(intent, trade, { ...ctx.config, market: ctx.market, nowMs: ctx.nowMs });
  const book = buildBook(ctx.portfolio, ctx.market, ctx.reservations);
  const outcome = runChecks({ book, order, limits: ctx.config.limits });
  const legs = order.ok ? order.legs : [];
  if (!order.ok && outcome.reason !== null) outcome.reason = `${outcome.reason} (${order.reason})`;
  return { kind: 'checked', trade, outcome, legs };
}

/**
 * A new intent (SPEC §5.2–5.3): hold → no decision; intake failure or a failing check → `vetoed` by
 * `risk_service`; all pass → `approved` by `auto` under the automatic policy, else `pending_approval`
 * by `engine` with `expires_at` = now + `APPROVAL_TTL_S`.
 */
export function evaluateIntent(intent: StrategyIntentEvent, ctx: EvaluationContext): Evaluation {
  const approvalMode = approvalModeFor(intent.action, ctx.config.policy);
  const base = { approvalMode, nowMs: ctx.nowMs };
  const result = check(intent, ctx);
  if (result.kind === 'hold') return { kind: 'hold' };
  if (result.kind === 'intake_failed') {
    const decision = buildDecision(intent, {
      ...base,
      status: 'vetoed',
      decidedBy: 'risk_service',
      reasonCodes: result.reasonCodes,
      reason: result.reason,
    });
    return { kind: 'vetoed', decision };
  }
  const { trade, outcome, legs } = result;
  const resolved = { direction: trade.direction, quantity: trade.quantity, checks: outcome.checks };
  if (!outcome.passed) {
    const decision = buildDecision(intent, {
      ...base,
      ...resolved,
      status: 'vetoed',
      decidedBy: 'risk_service',
      reasonCodes: outcome.reasonCodes,
      reason: outcome.reason,
    });
    return { kind: 'vetoed', decision };
  }
  if (approvalMode === 'auto') {
    const decision = buildDecision(intent, { ...base, ...resolved, status: 'approved', decidedBy: 'auto' });
    return {
      kind: 'approved',
      decision,
      route: routeOf(intent, trade, { approvedBy: 'auto', nowMs: ctx.nowMs }),
      reserve: legs,
    };
  }
  const expiresAtMs = ctx.nowMs + ctx.config.approvalTtlS * 1000;
  const whatIf =
    trade.route === 'execution'
      ? optionWhatIf(accountQuantities(ctx.portfolio), legs, { market: ctx.market, nowMs: ctx.nowMs })
      : null;
  const decision = buildDecision(intent, {
    ...base,
    ...resolved,
    status: 'pending_approval',
    decidedBy: 'engine',
    expiresAt: new Date(expiresAtMs).toISOString(),
    ...(whatIf === null ? {} : { metadata: { what_if: whatIf } }),
  });
  return { kind: 'pending', decision, outcome, expiresAtMs, whatIf };
}

/**
 * A trader's approval (SPEC §5.3 item 6): every check runs again on the state at that moment. Pass →
 * `approved` by the user and routed; fail (or an intent that no longer passes intake, e.g. a close of a
 * position that is now flat) → `rejected_on_recheck` by `risk_service` with `metadata.requested_by`.
 */
export function evaluateApproval(
  intent: StrategyIntentEvent,
  ctx: EvaluationContext,
  requestedBy: string,
): Evaluation {
  const base = { approvalMode: 'manual' as const, nowMs: ctx.nowMs };
  const result = check(intent, ctx);
  const rejected = (extra: {
    reasonCodes: ReasonCode[];
    reason: string | null;
    checks?: CheckOutcome['checks'];
  }) => ({
    kind: 'rejected_on_recheck' as const,
    decision: buildDecision(intent, {
      ...base,
      ...extra,
      status: 'rejected_on_recheck',
      decidedBy: 'risk_service',
      metadata: { requested_by: requestedBy },
    }),
  });
  if (result.kind === 'hold') return rejected({ reasonCodes: [], reason: 'hold intents are not approved' });
  if (result.kind === 'intake_failed')
    return rejected({ reasonCodes: result.reasonCodes, reason: result.reason });
  const { trade, outcome, legs } = result;
  if (!outcome.passed) {
    return rejected({ reasonCodes: outcome.reasonCodes, reason: outcome.reason, checks: outcome.checks });
  }
  const decision = buildDecision(intent, {
    ...base,
    status: 'approved',
    decidedBy: requestedBy,
    direction: trade.direction,
    quantity: trade.quantity,
    checks: outcome.checks,
  });
  return {
    kind: 'approved',
    decision,
    route: routeOf(intent, trade, { approvedBy: requestedBy, nowMs: ctx.nowMs }),
    reserve: legs,
  };
}

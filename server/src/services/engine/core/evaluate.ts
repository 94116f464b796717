import type { FourEyesRule, MacroReading, ReasonCode, StreamInput, StrategyIntentEvent } from '@gamma/shared';
import type { ReserveRequest } from '../../../stores/reservations/reservation-store.ts';
import type { CapacityConfig } from './capacity.ts';
import { checkIntent, type CheckContext, type Checked } from './check-intent.ts';
import { buildDecision } from './decision.ts';
import { fourEyesRuleOf, type FourEyesConfig } from './four-eyes.ts';
import type { ResolvedTrade } from './intake.ts';
import { chooseApproval, policyRecord, type ApprovalChoice, type ApprovalPolicyConfig } from './policy.ts';
import { accountQuantities } from './portfolio-state.ts';
import { buildExecutionCommand, buildOrderCommand } from './routing.ts';
import type { CheckOutcome } from './run-checks.ts';
import type { CatalogueLimits, RiskLimits } from './types.ts';
import { optionWhatIf, type WhatIfMetadata } from './what-if.ts';

/** The engine's configuration (SPEC §11: APPROVAL_*, RISK_*, EXEC_*). */
export interface EngineConfig {
  /** `RISK_MAX_ORDERS_PER_S*`, `RISK_DUPLICATE_WINDOW_S`, `STRATEGY_<ID>_MAX_*_USD` */
  capacity: CapacityConfig;
  limits: RiskLimits;
  catalogue: CatalogueLimits;
  policy: ApprovalPolicyConfig;
  /** `FOUR_EYES_NOTIONAL_USD`, `FOUR_EYES_ACTIONS` */
  fourEyes: FourEyesConfig;
  /** `APPROVAL_TTL_S` */
  approvalTtlS: number;
  /** `EXEC_MIN_EXPIRY_H`, `EXEC_STRANGLE_DELTA`, `EXEC_PRICE_BUFFER_PCT` (legs for valuation) */
  minExpiryHours: number;
  strangleDelta: number;
  priceBufferPct: number;
}

/** Everything an evaluation reads: the state at that moment and the time. */
export interface EvaluationContext extends CheckContext {
  /** The latest market-wide `market.macro_state` (the approval policy's level); null before any */
  macro: MacroReading | null;
  config: EngineConfig;
}

/** A routed message: an order command or an execution command. */
export type Route =
  | { stream: 'order.command'; message: StreamInput<'order.command'> }
  | { stream: 'execution.command'; message: StreamInput<'execution.command'> };

type Decision = StreamInput<'intent.decision'>;

/** What to do with an intent (SPEC §5.3). */
export type Evaluation =
  | { kind: 'hold' }
  | { kind: 'vetoed'; decision: Decision; request?: ReserveRequest }
  | {
      kind: 'pending';
      decision: Decision;
      outcome: CheckOutcome;
      expiresAtMs: number;
      /** Option intents: the underlying's Greeks before/after the legs (`metadata.what_if`); else null */
      whatIf: WhatIfMetadata | null;
      /** Why two distinct traders must approve it (`metadata.four_eyes`); null: one */
      fourEyes: FourEyesRule | null;
      request?: ReserveRequest;
    }
  | {
      kind: 'approved';
      decision: Decision;
      route: Route;
      /** The atomic step's request (its `protective` skips trading-state, drawdown and ratio checks) */
      request: ReserveRequest;
    }
  | { kind: 'rejected_on_recheck'; decision: Decision; request?: ReserveRequest };

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

/** `metadata.protective` on every checked decision; `metadata.hedge` on the DeltaHedger's. */
function hedgeMetadata(checked: Checked): Record<string, unknown> {
  const { hedge, outcome } = checked;
  if (hedge.rule === 'not_a_hedge') return { protective: false };
  return { protective: hedge.protective, hedge: { ...hedge, waived: outcome.waived } };
}

/** Why a checked intent needs two traders (four-eyes), or null. */
const fourEyesOf = (intent: StrategyIntentEvent, ctx: EvaluationContext, checked: Checked | null) =>
  fourEyesRuleOf({ action: intent.action, notionalUsd: checked?.notionalUsd ?? null }, ctx.config.fourEyes);

/** How the policy approves a checked intent (an intake failure: as an unpriced, non-reducing order). */
function approvalOf(
  intent: StrategyIntentEvent,
  ctx: EvaluationContext,
  checked: Checked | null,
): ApprovalChoice {
  return chooseApproval(
    {
      action: intent.action,
      symbol: checked?.legs[0]?.symbol ?? intent.symbol,
      quantity: checked?.trade.quantity ?? intent.quantity,
      protective: checked?.hedge.protective ?? false,
      reducing: checked?.reducing ?? false,
      notionalUsd: checked?.notionalUsd ?? null,
      fourEyes: fourEyesOf(intent, ctx, checked) !== null,
      macro: ctx.macro,
      nowMs: ctx.nowMs,
    },
    ctx.config.policy,
  );
}

/**
 * A new intent (SPEC §5.2–5.3): hold → no decision; intake failure or a failing check → `vetoed` by
 * `risk_service`; all pass → `approved` by `auto` under the automatic policy, else `pending_approval`
 * by `engine` with `expires_at` = now + `APPROVAL_TTL_S`.
 */
export function evaluateIntent(intent: StrategyIntentEvent, ctx: EvaluationContext): Evaluation {
  const result = checkIntent(intent, ctx);
  if (result.kind === 'hold') return { kind: 'hold' };
  if (result.kind === 'intake_failed') {
    const approval = approvalOf(intent, ctx, null);
    const decision = buildDecision(intent, {
      approvalMode: approval.mode,
      nowMs: ctx.nowMs,
      status: 'vetoed',
      decidedBy: 'risk_service',
      reasonCodes: result.reasonCodes,
      reason: result.reason,
      metadata: { approval_policy: approval.record },
    });
    return { kind: 'vetoed', decision };
  }
  const { trade, outcome, request } = result;
  const withRequest = request === null ? {} : { request };
  const approval = approvalOf(intent, ctx, result);
  const approvalMode = approval.mode;
  const base = { approvalMode, nowMs: ctx.nowMs };
  const resolved = { direction: trade.direction, quantity: trade.quantity, checks: outcome.checks };
  const metadata = { ...hedgeMetadata(result), approval_policy: approval.record };
  if (!outcome.passed || request === null) {
    const decision = buildDecision(intent, {
      ...base,
      ...resolved,
      status: 'vetoed',
      decidedBy: 'risk_service',
      reasonCodes: outcome.reasonCodes,
      reason: outcome.reason,
      metadata,
    });
    return { kind: 'vetoed', decision, ...withRequest };
  }
  if (approvalMode === 'auto') {
    const decision = buildDecision(intent, {
      ...base,
      ...resolved,
      status: 'approved',
      decidedBy: 'auto',
      metadata,
    });
    return {
      kind: 'approved',
      decision,
      route: routeOf(intent, trade, { approvedBy: 'auto', nowMs: ctx.nowMs }),
      request,
    };
  }
  return pending(intent, ctx, { checked: result, metadata });
}

/**
 * A checked intent left to a trader: `pending_approval` until `expires_at`, with the option what-if and
 * the four-eyes rule (`metadata.four_eyes`, null when one trader is enough).
 */
function pending(
  intent: StrategyIntentEvent,
  ctx: EvaluationContext,
  { checked, metadata }: { checked: Checked; metadata: Record<string, unknown> },
): Evaluation {
  const { trade, outcome, legs } = checked;
  const expiresAtMs = ctx.nowMs + ctx.config.approvalTtlS * 1000;
  const whatIf =
    trade.route === 'execution'
      ? optionWhatIf(accountQuantities(ctx.portfolio), legs, { market: ctx.market, nowMs: ctx.nowMs })
      : null;
  const fourEyes = fourEyesOf(intent, ctx, checked);
  const decision = buildDecision(intent, {
    approvalMode: 'manual',
    nowMs: ctx.nowMs,
    direction: trade.direction,
    quantity: trade.quantity,
    checks: outcome.checks,
    status: 'pending_approval',
    decidedBy: 'engine',
    expiresAt: new Date(expiresAtMs).toISOString(),
    metadata: {
      ...(whatIf === null ? {} : { what_if: whatIf }),
      ...metadata,
      ...(fourEyes === null ? {} : { four_eyes: fourEyes }),
    },
  });
  return {
    kind: 'pending',
    decision,
    outcome,
    expiresAtMs,
    whatIf,
    fourEyes,
    ...(checked.request === null ? {} : { request: checked.request }),
  };
}

/**
 * A trader's approval (SPEC §5.3 item 6): every check runs again on the state at that moment. Pass →
 * `approved` by the user and routed; fail (or an intent that no longer passes intake, e.g. a close of a
 * position that is now flat) → `rejected_on_recheck` by `risk_service` with `metadata.requested_by`.
 * `approvers` (both decisions): the traders who approved, the first of a four-eyes intent then the user.
 */
export function evaluateApproval(
  intent: StrategyIntentEvent,
  ctx: EvaluationContext,
  { requestedBy, approvers = [requestedBy] }: { requestedBy: string; approvers?: readonly string[] },
): Evaluation {
  const base = { approvalMode: 'manual' as const, nowMs: ctx.nowMs, approvers: [...approvers] };
  const approvalPolicy = policyRecord(ctx.config.policy, ctx, 'trader_command');
  const result = checkIntent(intent, ctx);
  const rejected = ({
    hedge,
    request,
    ...extra
  }: {
    reasonCodes: ReasonCode[];
    reason: string | null;
    checks?: CheckOutcome['checks'];
    hedge?: Record<string, unknown>;
    request?: ReserveRequest | null;
  }) => ({
    kind: 'rejected_on_recheck' as const,
    ...(request ? { request } : {}),
    decision: buildDecision(intent, {
      ...base,
      ...extra,
      status: 'rejected_on_recheck',
      decidedBy: 'risk_service',
      metadata: { requested_by: requestedBy, approval_policy: approvalPolicy, ...hedge },
    }),
  });
  if (result.kind === 'hold') return rejected({ reasonCodes: [], reason: 'hold intents are not approved' });
  if (result.kind === 'intake_failed')
    return rejected({ reasonCodes: result.reasonCodes, reason: result.reason });
  const { trade, outcome, request } = result;
  if (!outcome.passed || request === null) {
    return rejected({
      reasonCodes: outcome.reasonCodes,
      reason: outcome.reason,
      checks: outcome.checks,
      hedge: hedgeMetadata(result),
      request,
    });
  }
  const decision = buildDecision(intent, {
    ...base,
    status: 'approved',
    decidedBy: requestedBy,
    direction: trade.direction,
    quantity: trade.quantity,
    checks: outcome.checks,
    metadata: { ...hedgeMetadata(result), approval_policy: approvalPolicy },
  });
  return {
    kind: 'approved',
    decision,
    route: routeOf(intent, trade, { approvedBy: requestedBy, nowMs: ctx.nowMs }),
    request,
  };
}

import {
  buildOptionLegs,
  type ExecutionCommandEvent,
  type LegBuildFailureCode,
  type OptionLegs,
  type StreamInput,
  type VolatilitySurfaceEvent,
} from '@gamma/shared';

/** The §7 settings (SPEC §11 `EXEC_*`). */
export interface ExecutionConfig {
  /** `EXEC_SURFACE_MAX_AGE_S` */
  maxSurfaceAgeS: number;
  /** `EXEC_MIN_EXPIRY_H` */
  minExpiryHours: number;
  /** `EXEC_STRANGLE_DELTA` */
  strangleDelta: number;
  /** `EXEC_PRICE_BUFFER_PCT`, decimal */
  priceBufferPct: number;
}

/** What a plan reads besides the command. */
export interface ExecutionContext {
  /** Latest surface of the command's underlying */
  surface: VolatilitySurfaceEvent | null;
  /** Latest tick mid of the underlying (forward of last resort) */
  spot: number | null;
  nowMs: number;
  config: ExecutionConfig;
}

/** Every order of a structure, or the rejection to publish instead (never both, never neither). */
export type ExecutionPlan =
  | { ok: true; orders: StreamInput<'order.command'>[]; legs: OptionLegs }
  | { ok: false; decision: StreamInput<'intent.decision'> };

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The command's quantity if > 0, else `metadata.quantity` if > 0, else null (SPEC §7 item 4). */
export const commandQuantity = (command: ExecutionCommandEvent): number | null =>
  positive(command.quantity)
    ? command.quantity
    : positive(command.metadata.quantity)
      ? command.metadata.quantity
      : null;

/** The approval policy behind a command: `auto` for `auto`/`risk_service` approvals, else manual. */
const approvalModeOf = (approvedBy: string): 'manual' | 'auto' =>
  approvedBy === 'auto' || approvedBy === 'risk_service' ? 'auto' : 'manual';

/** The `execution_rejected` decision of a command (SPEC §7): decided_by `option_execution`, one code. */
export function executionRejected(
  command: ExecutionCommandEvent,
  failure: { code: LegBuildFailureCode; reason: string; nowMs: number },
): StreamInput<'intent.decision'> {
  return {
    decision_id: `${command.intent_id}:execution_rejected`,
    intent_id: command.intent_id,
    strategy_id: command.strategy_id,
    symbol: command.symbol,
    action: command.action,
    direction: command.direction,
    quantity: command.quantity,
    status: 'execution_rejected',
    reason_codes: [failure.code],
    reason: failure.reason,
    checks: [],
    decided_by: 'option_execution',
    approval_mode: approvalModeOf(command.approved_by),
    expires_at: null,
    timestamp: new Date(failure.nowMs).toISOString(),
    metadata: {},
  };
}

/**
 * Plans an execution command (SPEC §7): every leg is built and validated first (surface, staleness, live
 * expiry, strikes, quantity, quotes); then one limit order per leg, leg 0 the call and leg 1 the put, with
 * `client_order_id` `<intent_id>-<leg>` and the §3.4 metadata plus `mark` (the leg's mid). Any failure → one `execution_rejected`.
 */
export function planExecution(command: ExecutionCommandEvent, ctx: ExecutionContext): ExecutionPlan {
  const { config, nowMs } = ctx;
  const quantity = commandQuantity(command);
  const built = buildOptionLegs({
    action: command.action,
    quantity: quantity ?? NaN,
    surface: ctx.surface,
    nowMs,
    minExpiryHours: config.minExpiryHours,
    strangleDelta: config.strangleDelta,
    priceBufferPct: config.priceBufferPct,
    maxSurfaceAgeS: config.maxSurfaceAgeS,
    fallbackSpot: ctx.spot,
  });
  if (!built.ok) {
    return {
      ok: false,
      decision: executionRejected(command, { code: built.code, reason: built.reason, nowMs }),
    };
  }
  const { structure, legs } = built.value;
  const intentType = command.metadata.intent_type;
  const orders = legs.map((leg): StreamInput<'order.command'> => ({
    strategy_id: command.strategy_id,
    symbol: leg.symbol,
    side: leg.side,
    order_type: 'limit',
    quantity: leg.quantity,
    price: leg.limit_price,
    command: 'create',
    order_id: null,
    intent_id: command.intent_id,
    client_order_id: `${command.intent_id}-${leg.leg}`,
    timestamp: new Date(nowMs).toISOString(),
    metadata: {
      intent_id: command.intent_id,
      intent_type: typeof intentType === 'string' ? intentType : null,
      leg: leg.leg,
      option_type: leg.option_type,
      strike: leg.strike,
      expiry: leg.expiry,
      strategy: structure,
      forward: leg.forward,
      iv: leg.iv,
      // The leg's mid when the order was planned: the mark a fill's slippage is measured against
      mark: leg.mid,
      delta: leg.delta,
      approved_by: command.approved_by,
      approval_mode: approvalModeOf(command.approved_by),
    },
  }));
  return { ok: true, orders, legs: built.value };
}

import {
  ACTIONS,
  isOptionAction,
  type Action,
  type ReasonCode,
  type Side,
  type StrategyIntentEvent,
} from '@gamma/shared';

/** A trade the engine can check and route, with the direction and quantity resolved (SPEC §5.1). */
export interface ResolvedTrade {
  action: Exclude<Action, 'hold'>;
  direction: Side;
  /** Structures for option actions, else instrument units; > 0 */
  quantity: number;
  /** `execution` for the four option actions, else `order` */
  route: 'order' | 'execution';
}

/** Outcome of intake validation. */
export type IntakeResult =
  | { ok: true; kind: 'hold' }
  | { ok: true; kind: 'trade'; trade: ResolvedTrade }
  | { ok: false; reasonCodes: ReasonCode[]; reason: string };

const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);

const reject = (codes: ReasonCode[], reasons: string[]): IntakeResult => ({
  ok: false,
  reasonCodes: codes,
  reason: reasons.join('; '),
});

/** The side an action requires: `buy`/`sell` and `buy_*`/`sell_*` fix it, `delta_hedge` takes the intent's. */
const requiredSide = (action: Action): Side | null => {
  if (action === 'buy' || action.startsWith('buy_')) return 'buy';
  if (action === 'sell' || action.startsWith('sell_')) return 'sell';
  return null;
};

/**
 * Intake validation of SPEC §5.1–5.2: `hold` passes as a hold; an unknown action → `UNKNOWN_ACTION`; a
 * trade without direction → `MISSING_DIRECTION`, one that contradicts its action → `DIRECTION_MISMATCH`;
 * a quantity ≤ 0 or not finite → `INVALID_QUANTITY`; `close` takes the side opposite the strategy's
 * position and min(quantity if > 0 else |position|, |position|), flat → `NOTHING_TO_CLOSE`. Direction
 * and quantity problems are both reported when both apply.
 * @param strategyPosition the emitting strategy's signed position in the intent's symbol
 */
export function validateIntake(intent: StrategyIntentEvent, strategyPosition: number): IntakeResult {
  const { action } = intent;
  if (!isAction(action)) return reject(['UNKNOWN_ACTION'], [`unknown action ${action}`]);
  if (action === 'hold') return { ok: true, kind: 'hold' };
  const quantity = intent.quantity;

  if (action === 'close') {
    if (quantity !== null && !Number.isFinite(quantity)) {
      return reject(['INVALID_QUANTITY'], [`quantity ${String(quantity)} is not a number`]);
    }
    const held = Math.abs(strategyPosition);
    if (!(held > 0))
      return reject(['NOTHING_TO_CLOSE'], [`${intent.strategy_id} is flat in ${intent.symbol}`]);
    const wanted = quantity !== null && quantity > 0 ? quantity : held;
    return {
      ok: true,
      kind: 'trade',
      trade: {
        action,
        direction: strategyPosition > 0 ? 'sell' : 'buy',
        quantity: Math.min(wanted, held),
        route: 'order',
      },
    };
  }

  const codes: ReasonCode[] = [];
  const reasons: string[] = [];
  const required = requiredSide(action);
  if (intent.direction === null) {
    codes.push('MISSING_DIRECTION');
    reasons.push(`${action} needs a direction`);
  } else if (required !== null && intent.direction !== required) {
    codes.push('DIRECTION_MISMATCH');
    reasons.push(`direction ${intent.direction} contradicts ${action}`);
  }
  if (quantity === null || !Number.isFinite(quantity) || quantity <= 0) {
    codes.push('INVALID_QUANTITY');
    reasons.push(`quantity ${String(quantity)} is not > 0`);
  }
  if (codes.length > 0 || intent.direction === null || quantity === null) return reject(codes, reasons);
  return {
    ok: true,
    kind: 'trade',
    trade: {
      action,
      direction: intent.direction,
      quantity,
      route: isOptionAction(action) ? 'execution' : 'order',
    },
  };
}

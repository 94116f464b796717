/** The four option actions, routed to `execution.command` (SPEC §5.1). */
export const OPTION_ACTIONS = ['buy_straddle', 'sell_straddle', 'buy_strangle', 'sell_strangle'] as const;
/** Non-option trade actions, routed to `order.command`. */
export const ORDER_ACTIONS = ['delta_hedge', 'buy', 'sell', 'close'] as const;
/** Every action the engine knows. */
export const ACTIONS = [...OPTION_ACTIONS, ...ORDER_ACTIONS, 'hold'] as const;
export type OptionAction = (typeof OPTION_ACTIONS)[number];
export type Action = (typeof ACTIONS)[number];

/** Whether an action is one of the four option actions. */
export const isOptionAction = (action: string): action is OptionAction =>
  (OPTION_ACTIONS as readonly string[]).includes(action);

/** Status of an intent as the console shows it (SPEC §5.3 item 10). */
export const INTENT_STATUSES = [
  'received',
  'pending',
  'approved',
  'executed',
  'filled',
  'vetoed',
  'expired',
  'rejected_on_recheck',
  'execution_rejected',
  'hold',
] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

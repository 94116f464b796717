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

import { z } from 'zod';
import { baseFields, nullable } from './common.ts';

/**
 * How much trading a scope allows (issue 9): `ACTIVE` everything the limits allow, `REDUCING` only intents
 * that reduce exposure, `HALTED` nothing but protective hedges. Ordered from loosest to strictest: where
 * several scopes apply to an intent, the strictest wins.
 */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

/** Where a trading state applies: the whole desk, one strategy, or one underlying (`BTC`, `ETH`). */
export const TRADING_SCOPES = ['global', 'strategy', 'underlying'] as const;
export type TradingScope = (typeof TRADING_SCOPES)[number];

/** The stricter of two states. */
export const stricterState = (a: TradingState, b: TradingState): TradingState =>
  TRADING_STATES.indexOf(a) >= TRADING_STATES.indexOf(b) ? a : b;

/** A change of trading state. Published on `risk.trading_state`. */
export const TradingStateEventSchema = z
  .object({
    /** `global`, `strategy` or `underlying` */
    scope: z.enum(TRADING_SCOPES),
    /** Null for `global`; the strategy id or the underlying (upper case) otherwise */
    key: nullable(z.string().min(1)),
    /** The state now in force at this scope */
    state: z.enum(TRADING_STATES),
    /** The state before this change */
    previous: z.enum(TRADING_STATES),
    /** Why, in words (required: a person gives it, an automatic trip names its measure) */
    reason: z.string().min(1),
    /** Who: a user name, or the automatic source (`kill_switch`, `approval_policy`) */
    changed_by: z.string().min(1),
    ...baseFields,
  })
  .superRefine((event, ctx) => {
    if ((event.scope === 'global') !== (event.key === null)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'key is null exactly when scope is global' });
    }
  })
  .readonly();
export type TradingStateEvent = z.infer<typeof TradingStateEventSchema>;

import { z } from 'zod';
import { TRADING_SCOPES, TRADING_STATES } from '../messages/trading-state-event.ts';
import { NAME_MAX_LENGTH, REASON_MAX_LENGTH } from './input-limits.ts';

/**
 * Input of `risk.setTradingState`: a scope, its key (the strategy id, or the underlying's base coin such as
 * `BTC`; required for `strategy` and `underlying`, absent for `global`), the state and a non-blank reason.
 */
export const SetTradingStateInputSchema = z
  .object({
    scope: z.enum(TRADING_SCOPES),
    key: z.string().trim().min(1, 'an empty key names no scope').max(NAME_MAX_LENGTH).nullish(),
    state: z.enum(TRADING_STATES),
    reason: z.string().trim().min(1, 'a trading state change needs a reason').max(REASON_MAX_LENGTH),
  })
  .superRefine((input, ctx) => {
    const hasKey = input.key !== undefined && input.key !== null;
    if (input.scope !== 'global' && !hasKey)
      ctx.addIssue({ code: 'custom', path: ['key'], message: `scope ${input.scope} needs a key` });
    if (input.scope === 'global' && hasKey)
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'scope global takes no key' });
  });
export type SetTradingStateInput = z.infer<typeof SetTradingStateInputSchema>;

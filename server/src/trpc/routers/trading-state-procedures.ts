import { baseCoinOf, type SetTradingStateInput, type TradingScope, type TradingState } from '@gamma/shared';
import { InvalidInputError } from '../../errors/index.ts';
import { iso } from '../../lib/clock.ts';
import type { ScopedTradingState } from '../../stores/trading-state/trading-state-store.ts';
import type { Context } from '../context.ts';

/** One scope as `risk.tradingState` shows it; who, why and since are null for a scope never changed. */
export interface TradingStateView {
  scope: TradingScope;
  key: string | null;
  state: TradingState;
  previous: TradingState | null;
  reason: string | null;
  changed_by: string | null;
  since: string | null;
}

/** `risk.tradingState`: the global state (ACTIVE when never set) and every strategy or underlying set. */
export interface TradingStatesView {
  global: TradingStateView;
  /** Strategy and underlying scopes with a record, ACTIVE ones (resumed) included */
  scopes: TradingStateView[];
}

const NEVER_SET: TradingStateView = {
  scope: 'global',
  key: null,
  state: 'ACTIVE',
  previous: null,
  reason: null,
  changed_by: null,
  since: null,
};

/** The view of the stored records. */
export function tradingStatesView(stored: readonly ScopedTradingState[]): TradingStatesView {
  return {
    global: stored.find((s) => s.scope === 'global') ?? NEVER_SET,
    scopes: stored.filter((s) => s.scope !== 'global'),
  };
}

/** An underlying as the desk names it in a scope key (`BTC`), or a precise error when it trades none. */
function underlyingKey(ctx: Context, key: string): string {
  const known = ctx.config.desk.underlyings.map((u) => baseCoinOf(u).toUpperCase());
  const coin = baseCoinOf(key.toUpperCase());
  if (!known.includes(coin))
    throw new InvalidInputError(`unknown underlying ${key}: the desk trades ${known.join(', ')}`);
  return coin;
}

/** `risk.setTradingState`: who changes it is the caller (`ctx.user`); nothing changes on an error. */
export async function setTradingState(ctx: Context, input: SetTradingStateInput) {
  const key =
    input.scope === 'global'
      ? null
      : input.scope === 'underlying'
        ? underlyingKey(ctx, input.key ?? '')
        : (input.key ?? null);
  const result = await ctx.stores.tradingStates.set({
    scope: input.scope,
    key,
    state: input.state,
    reason: input.reason,
    changedBy: ctx.user,
    at: iso(ctx.clock.now()),
  });
  const state = result.changed ? result.event.state : result.current;
  ctx.log.info('trading state set', {
    scope: input.scope,
    key,
    state,
    changed: result.changed,
    user: ctx.user,
    reason: input.reason,
  });
  return { changed: result.changed, scope: input.scope, key, state };
}

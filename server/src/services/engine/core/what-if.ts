import { underlyingOf } from '@gamma/shared';
import { greeksWhatIf, type Greeks, type PortfolioMarket } from '@gamma/shared/quant';
import { spotOf, type MarketView } from './market-view.ts';
import type { SizedLeg } from './types.ts';

/** The Greeks of `metadata.what_if`, display units of SPEC §9. */
export type WhatIfGreeks = Greeks;

/**
 * `metadata.what_if` of a pending option intent: the underlying's portfolio Greeks before and after the
 * priced legs fill (delta coins, gamma per 1 USD, vega USD per vol point, theta USD per day, rho USD
 * per rate point). `unpriced` names positions or legs left out for lack of a surface or forward.
 */
export interface WhatIfMetadata {
  underlying: string;
  before: WhatIfGreeks;
  after: WhatIfGreeks;
  unpriced: string[];
}

/** The engine's market view as the quant core's market. */
export function portfolioMarketOf(market: MarketView, nowMs: number): PortfolioMarket {
  return {
    nowMs,
    spot: (underlying) => spotOf(underlying, market),
    surface: (underlying) => market.surfaces[underlying] ?? null,
  };
}

const pick = (g: Greeks): WhatIfGreeks => ({
  delta: g.delta,
  gamma: g.gamma,
  vega: g.vega,
  theta: g.theta,
  rho: g.rho,
});

/**
 * The what-if of an option intent from the engine's view: account positions (symbol → signed quantity)
 * plus the priced legs (buys add, sells subtract), for the underlying of the first leg. Null without legs.
 */
export function optionWhatIf(
  accountPositions: Readonly<Record<string, number>>,
  legs: readonly SizedLeg[],
  view: { market: MarketView; nowMs: number },
): WhatIfMetadata | null {
  const first = legs[0];
  if (!first) return null;
  const underlying = underlyingOf(first.symbol);
  const positions = Object.entries(accountPositions).map(([symbol, quantity]) => ({ symbol, quantity }));
  const signed = legs.map((l) => ({
    symbol: l.symbol,
    quantity: l.side === 'buy' ? l.quantity : -l.quantity,
  }));
  const w = greeksWhatIf(positions, signed, portfolioMarketOf(view.market, view.nowMs))[underlying];
  if (!w) return null;
  return { underlying, before: pick(w.before), after: pick(w.after), unpriced: w.unpriced };
}

/** The intent as stored in the approval record: its metadata carries `what_if` for the console. */
export function withWhatIf<T extends { metadata: Record<string, unknown> }>(
  intent: T,
  whatIf: WhatIfMetadata | null,
): T {
  return whatIf === null ? intent : { ...intent, metadata: { ...intent.metadata, what_if: whatIf } };
}

/** The intent without the `what_if` the engine added to the approval record (so it is not routed on). */
export function withoutWhatIf<T extends { metadata: Record<string, unknown> }>(intent: T): T {
  if (!Object.hasOwn(intent.metadata, 'what_if')) return intent;
  const { what_if: _omitted, ...metadata } = intent.metadata;
  return { ...intent, metadata };
}

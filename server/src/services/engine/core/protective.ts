import { underlyingOf, type StrategyIntentEvent } from '@gamma/shared';
import { greeksWhatIf } from '@gamma/shared/quant';
import { signedQuantity } from './exposure.ts';
import type { MarketView } from './market-view.ts';
import { below } from './tolerance.ts';
import type { RiskBook, SizedLeg } from './types.ts';
import { portfolioMarketOf } from './what-if.ts';

/**
 * Checks a protective hedge is never blocked by (issue 9 item 4): its verdicts are recorded with their
 * value and limit but as passed, and `metadata.protective.waived` names those that would have failed.
 */
export const PROTECTIVE_WAIVED_CHECKS: ReadonlySet<string> = new Set([
  'drawdown',
  'position_ratio',
  'trading_state',
]);

/**
 * Why an intent is or is not protective: `reduces_delta` (protective), `not_a_hedge` (not the
 * DeltaHedger's `delta_hedge`), `unpriced` (no legs, or a position or leg of the underlying without Greeks:
 * the reduction cannot be shown), `increases_delta` (|Δ| would not go down).
 */
export type HedgeRule = 'reduces_delta' | 'not_a_hedge' | 'unpriced' | 'increases_delta';

/** `metadata.protective` of a decision on a DeltaHedger intent. */
export interface HedgeClassification {
  protective: boolean;
  rule: HedgeRule;
  underlying: string | null;
  /** The underlying's delta in the engine's book (reservations included) before and after the legs, coins */
  delta_before: number | null;
  delta_after: number | null;
}

/** The DeltaHedger's intents: action `delta_hedge` with `metadata.strategy_type` `delta_hedger` (SPEC §4.2). */
export const isDeltaHedgerIntent = (intent: Pick<StrategyIntentEvent, 'action' | 'metadata'>): boolean =>
  intent.action === 'delta_hedge' && intent.metadata.strategy_type === 'delta_hedger';

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;

/**
 * Whether a DeltaHedger intent is protective: its priced legs bring |Δ| of their underlying strictly down
 * in the engine's book (account positions plus live reservations), Greeks by the quant core in the units
 * of `portfolio.risk`. Any other intent, or one whose delta cannot be measured whole, is not protective.
 */
export function classifyHedge(
  intent: Pick<StrategyIntentEvent, 'action' | 'metadata'>,
  { legs, book }: { legs: readonly SizedLeg[]; book: RiskBook },
  view: { market: MarketView; nowMs: number },
): HedgeClassification {
  const none = { underlying: null, delta_before: null, delta_after: null };
  if (!isDeltaHedgerIntent(intent)) return { protective: false, rule: 'not_a_hedge', ...none };
  const first = legs[0];
  if (!first) return { protective: false, rule: 'unpriced', ...none };
  const underlying = underlyingOf(first.symbol);
  const positions = Object.entries(book.positions).map(([symbol, p]) => ({ symbol, quantity: p.quantity }));
  const signed = legs.map((l) => ({ symbol: l.symbol, quantity: signedQuantity(l) }));
  const whatIf = greeksWhatIf(positions, signed, portfolioMarketOf(view.market, view.nowMs))[underlying];
  const mixed = legs.some((l) => underlyingOf(l.symbol) !== underlying);
  if (!whatIf || mixed || whatIf.unpriced.length > 0) return { protective: false, rule: 'unpriced', ...none };
  const before = whatIf.before.delta;
  const after = whatIf.after.delta;
  const measured = { underlying, delta_before: round8(before), delta_after: round8(after) };
  return below(Math.abs(after), Math.abs(before))
    ? { protective: true, rule: 'reduces_delta', ...measured }
    : { protective: false, rule: 'increases_delta', ...measured };
}

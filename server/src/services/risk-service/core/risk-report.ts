import type { StreamInput } from '@gamma/shared';
import { underlyingOf } from '@gamma/shared';
import type { Greeks } from '@gamma/shared/quant';
import type { PortfolioGreeks } from './portfolio-greeks.ts';
import type { Valuation } from './valuation.ts';

/** Everything one broadcast of `portfolio.risk` is built from. */
export interface RiskReportInput {
  valuation: Valuation;
  greeks: PortfolioGreeks;
  /** Configured underlyings (`UNDERLYINGS`); held ones are added */
  underlyings: readonly string[];
  peak: number;
  drawdown: number;
  spotOf: (underlying: string) => number | null;
}

/**
 * The by-expiry buckets of one underlying, keyed by expiry `YYYY-MM-DD` (`spot` and `perpetual` for
 * delta-one positions), each `{delta, gamma, vega, theta, rho}` in display units; they sum to the totals.
 */
export function greeksByExpiryOf(greeks: PortfolioGreeks, underlying: string): Record<string, Greeks> {
  const prefix = `${underlying}|`;
  const out: Record<string, Greeks> = {};
  for (const [key, g] of Object.entries(greeks.byExpiry))
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = { ...g };
  return out;
}

/**
 * One PortfolioRiskEvent per underlying in `UNDERLYINGS` and any other held (SPEC §6.2), each with the
 * book-wide ratios and the metadata of SPEC §3.2.
 */
export function buildPortfolioRisk(input: RiskReportInput, nowIso: string): StreamInput<'portfolio.risk'>[] {
  const { valuation: v, greeks } = input;
  const all = [...new Set([...input.underlyings, ...greeks.byUnderlying.keys()])];
  return all.map((underlying) => {
    const g = greeks.byUnderlying.get(underlying);
    const delta = g?.delta ?? 0;
    const spot = input.spotOf(underlying);
    return {
      total_delta: delta,
      total_gamma: g?.gamma ?? 0,
      total_vega: g?.vega ?? 0,
      total_theta: g?.theta ?? 0,
      total_rho: g?.rho ?? 0,
      position_ratio: v.positionRatio,
      leverage: v.leverage,
      underlying,
      timestamp: nowIso,
      metadata: {
        total_value: v.equity,
        position_value: v.positionValue,
        gross_notional: v.grossNotional,
        cash: v.cash,
        peak_value: input.peak,
        drawdown_pct: input.drawdown,
        num_positions: v.numPositions,
        delta_usd: spot === null ? null : delta * spot,
        net_delta: g?.netDelta ?? 0,
        unpriced: greeks.unpriced.filter((s) => underlyingOf(s) === underlying),
        greeks_by_expiry: greeksByExpiryOf(greeks, underlying),
      },
    };
  });
}

import type { OptionChainData, VolatilitySurfaceEvent } from '@gamma/shared';

/** One point of a smile: moneyness K/F (1 = at the forward) and the implied vol there. */
export interface SmilePoint {
  strike: number;
  moneyness: number;
  iv: number;
}

/** The smile of one expiry, points by strike. */
export interface Smile {
  expiry: string;
  /** The forward the moneyness is taken against (the spot when the surface has no forward) */
  forward: number;
  points: SmilePoint[];
}

/**
 * The out-of-the-money option's implied vol at each strike (puts below the forward, calls at and above it, the
 * other side where one is missing), so each expiry draws one smooth smile.
 */
function smileIvs(rows: readonly OptionChainData[], forward: number): Map<number, number> {
  const byStrike = new Map<number, { call?: number; put?: number }>();
  for (const row of rows) {
    if (!(row.implied_volatility > 0)) continue;
    const slot = byStrike.get(row.strike) ?? {};
    slot[row.option_type] = row.implied_volatility;
    byStrike.set(row.strike, slot);
  }
  const ivs = new Map<number, number>();
  for (const [strike, { call, put }] of byStrike) {
    const iv = strike < forward ? (put ?? call) : (call ?? put);
    if (iv !== undefined) ivs.set(strike, iv);
  }
  return ivs;
}

/** The smile of every expiry of a surface, nearest expiry first; expiries without a usable forward are left out. */
export function smilesOf(surface: VolatilitySurfaceEvent | null | undefined): Smile[] {
  if (!surface) return [];
  const byExpiry = new Map<string, OptionChainData[]>();
  for (const row of surface.surface_data)
    byExpiry.set(row.expiry, [...(byExpiry.get(row.expiry) ?? []), row]);
  const smiles: Smile[] = [];
  for (const [expiry, rows] of [...byExpiry].sort(([a], [b]) => a.localeCompare(b))) {
    const forward = surface.forwards?.[expiry] ?? surface.spot_price;
    if (forward === null || forward === undefined || !(forward > 0)) continue;
    const points = [...smileIvs(rows, forward)]
      .sort(([a], [b]) => a - b)
      .map(([strike, iv]) => ({ strike, moneyness: strike / forward, iv }));
    if (points.length > 0) smiles.push({ expiry, forward, points });
  }
  return smiles;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A text summary of the smile chart (its accessible name: the SVG itself is not readable). */
export function smileSummary(underlying: string, smiles: readonly Smile[], q: number | null): string {
  if (smiles.length === 0) return `${underlying} volatility smile: no surface yet`;
  const parts = smiles.map((s) => {
    const atm = s.points.reduce((best, p) =>
      Math.abs(p.moneyness - 1) < Math.abs(best.moneyness - 1) ? p : best,
    );
    const ivs = s.points.map((p) => p.iv);
    return `${s.expiry} ATM ${pct(atm.iv)} (${pct(Math.min(...ivs))} to ${pct(Math.max(...ivs))})`;
  });
  const forecast = q === null ? 'no forecast yet' : `forecast (Q) ${pct(q)}`;
  return `${underlying} volatility smile by expiry, implied vol against moneyness K/F: ${parts.join('; ')}; ${forecast}`;
}

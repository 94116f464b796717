import { formatOptionSymbol, yearsToExpiry, type StreamInput } from '@gamma/shared';
import { black76Price, sviTotalVariance, venueGreeks, type OptionType } from '@gamma/shared/quant';
import { listExpiries, nearestExpiryAtLeast } from './expiry-calendar.ts';
import { atmVolFor, smileFor, type SmileParams } from './smile.ts';
import { stepForExpiry, strikesAround, type StrikeSteps } from './strikes.ts';
import { atmIvOf, ivSkewOf, riskReversal25Of, type SmileAt } from './surface-summary.ts';

/** A `market.vol_surface` message as the simulator writes it. */
export type SurfaceMessage = StreamInput<'market.vol_surface'>;
type ChainRow = SurfaceMessage['surface_data'][number];

/** Everything a surface is built from. */
export interface SurfaceInput {
  /** Spot symbol, e.g. `BTC/USDT` */
  underlying: string;
  spot: number;
  nowMs: number;
  /** Instantaneous total variance (diffusion + jumps), annualised */
  variance: number;
  /** Long-run total variance, annualised */
  longRunVariance: number;
  /** Implied-vol premium over the expected realized vol, decimal */
  premium: number;
  /** F = S·e^{basis·T} */
  basisAnnual: number;
  strikeSteps: StrikeSteps;
  smile: SmileParams;
  /** Half the relative bid/ask spread around the mid (0.01 → mid × (1 ∓ 0.01)) */
  quoteHalfSpread: number;
}

const TYPES: readonly OptionType[] = ['call', 'put'];

/** Synthetic, deterministic activity: open interest peaks at the money and fades over about two sd. */
function activity(k: number, atmVol: number, years: number): { openInterest: number; volume: number } {
  const z = k / Math.max(atmVol * Math.sqrt(years), 1e-6);
  const openInterest = Math.round(50 + 950 * Math.exp(-0.25 * z * z));
  return { openInterest, volume: Math.round(openInterest * 0.15) };
}

function chainRow(
  input: SurfaceInput,
  at: SmileAt & { expiry: string; strike: number; type: OptionType },
): ChainRow {
  const { forward: F, years: T, strike: K, type } = at;
  const k = Math.log(K / F);
  const sigma = Math.sqrt(sviTotalVariance(at.smile, k) / T);
  const mid = black76Price({ F, K, T, r: 0, sigma, type });
  const greeks = venueGreeks({ F, K, T, sigma, type });
  const { openInterest, volume } = activity(k, Math.sqrt(sviTotalVariance(at.smile, 0) / T), T);
  const base = input.underlying.split('/')[0] ?? input.underlying;
  return {
    underlying: input.underlying,
    strike: K,
    expiry: at.expiry,
    option_type: type,
    bid: mid * (1 - input.quoteHalfSpread),
    ask: mid * (1 + input.quoteHalfSpread),
    last: mid,
    volume,
    open_interest: openInterest,
    implied_volatility: sigma,
    greeks,
    symbol: formatOptionSymbol({ base, expiry: at.expiry, strike: K, optionType: type }),
  };
}

/**
 * Builds the surface at `nowMs` (SPEC §8.2): per listed expiry, nine strikes on a round step around
 * F = S·e^{basis·T}, IVs from a raw SVI smile whose ATM level follows the current variance plus the
 * premium, Black-76 (r = 0) USD prices with bid/ask around the mid, venue Greeks, and the summaries.
 */
export function buildSurface(input: SurfaceInput): SurfaceMessage {
  const expiries = listExpiries(input.nowMs);
  const atmExpiry = nearestExpiryAtLeast(expiries, input.nowMs);
  const rows: ChainRow[] = [];
  const forwards: Record<string, number> = {};
  const termStructure: Record<string, number> = {};
  const rr25: Record<string, number> = {};
  let atmIv: number | null = null;
  let ivSkew: Record<string, number> = {};
  for (const expiry of expiries) {
    const years = yearsToExpiry(expiry, input.nowMs);
    const forward = input.spot * Math.exp(input.basisAnnual * years);
    const atmVol = atmVolFor({ ...input, years }, input.smile);
    const at: SmileAt = { smile: smileFor(atmVol, years, input.smile), forward, years };
    const strikes = strikesAround(forward, stepForExpiry(input.strikeSteps, years));
    const expiryRows = strikes.flatMap((strike) =>
      TYPES.map((type) => chainRow(input, { ...at, expiry, strike, type })),
    );
    rows.push(...expiryRows);
    forwards[expiry] = forward;
    termStructure[expiry] = atmIvOf(expiryRows, forward) ?? atmVol;
    rr25[expiry] = riskReversal25Of(expiryRows, at);
    if (expiry === atmExpiry) {
      atmIv = termStructure[expiry];
      ivSkew = ivSkewOf(expiryRows, forward);
    }
  }
  const timestamp = new Date(input.nowMs).toISOString();
  return {
    underlying: input.underlying,
    surface_data: rows.map((r) => ({ ...r, timestamp })),
    atm_iv: atmIv ?? Object.values(termStructure)[0] ?? input.smile.minAtmVol,
    iv_skew: ivSkew,
    term_structure: termStructure,
    spot_price: input.spot,
    forwards,
    atm_expiry: atmExpiry,
    rr_25d: rr25,
    timestamp,
    metadata: { source: 'market-simulator', expiries: expiries.length, strikes_per_expiry: 9 },
  };
}

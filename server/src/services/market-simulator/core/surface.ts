import { formatOptionSymbol, yearsToExpiry, type StreamInput } from '@gamma/shared';
import {
  black76Price,
  fitSurface,
  sviTotalVariance,
  venueGreeks,
  type FittedSlice,
  type FittedSurface,
  type OptionType,
  type SurfaceFitExpiry,
} from '@gamma/shared/quant';
import { listExpiries, nearestExpiryAtLeast } from './expiry-calendar.ts';
import { normal, hashString, seedRng, type RngState } from './rng.ts';
import { atmVolFor, smileFor, type SmileParams } from './smile.ts';
import { stepForExpiry, strikesAround, type StrikeSteps } from './strikes.ts';
import { ivSkewOf } from './surface-summary.ts';

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
  /**
   * Relative standard deviation of the noise on the sampled quotes the surface is fitted to
   * (0.002 → IV × (1 + 0.002·z)); default {@link DEFAULT_IV_NOISE}, 0 for exact smiles.
   */
  ivNoise?: number;
  /** Seed of that noise; default a hash of the underlying and `nowMs`, so a surface is reproducible */
  noiseSeed?: number;
}

/** Default relative noise on the sampled IVs: 0.2 % of the IV (about 0.1 vol point at 50 %). */
export const DEFAULT_IV_NOISE = 0.002;

const TYPES: readonly OptionType[] = ['call', 'put'];

/** Synthetic, deterministic activity: open interest peaks at the money and fades over about two sd. */
function activity(k: number, atmVol: number, years: number): { openInterest: number; volume: number } {
  const z = k / Math.max(atmVol * Math.sqrt(years), 1e-6);
  const openInterest = Math.round(50 + 950 * Math.exp(-0.25 * z * z));
  return { openInterest, volume: Math.round(openInterest * 0.15) };
}

function chainRow(
  input: SurfaceInput,
  at: { slice: FittedSlice; strike: number; type: OptionType },
): ChainRow {
  const { forward: F, t: T, expiry } = at.slice;
  const { strike: K, type } = at;
  const sigma = at.slice.ivAt(K);
  const mid = black76Price({ F, K, T, r: 0, sigma, type });
  const greeks = venueGreeks({ F, K, T, sigma, type });
  const { openInterest, volume } = activity(Math.log(K / F), at.slice.atmIv, T);
  const base = input.underlying.split('/')[0] ?? input.underlying;
  return {
    underlying: input.underlying,
    strike: K,
    expiry,
    option_type: type,
    bid: mid * (1 - input.quoteHalfSpread),
    ask: mid * (1 + input.quoteHalfSpread),
    last: mid,
    volume,
    open_interest: openInterest,
    implied_volatility: sigma,
    greeks,
    symbol: formatOptionSymbol({ base, expiry, strike: K, optionType: type }),
  };
}

/**
 * The quotes the surface is fitted to: per listed expiry, nine strikes on a round step around
 * F = S·e^{basis·T}, IVs read off a raw SVI smile whose ATM level follows the current variance plus the
 * premium, times (1 + ivNoise·z) with seeded standard normals z.
 */
export function sampledQuotes(input: SurfaceInput, expiries: readonly string[]): SurfaceFitExpiry[] {
  const noise = input.ivNoise ?? DEFAULT_IV_NOISE;
  if (!(noise >= 0 && noise < 0.5)) throw new RangeError(`ivNoise must be in [0, 0.5), got ${noise}`);
  let rng: RngState = seedRng(input.noiseSeed ?? hashString(`${input.underlying}|${input.nowMs}`));
  return expiries.map((expiry) => {
    const t = yearsToExpiry(expiry, input.nowMs);
    const forward = input.spot * Math.exp(input.basisAnnual * t);
    const smile = smileFor(atmVolFor({ ...input, years: t }, input.smile), t, input.smile);
    const strikes = strikesAround(forward, stepForExpiry(input.strikeSteps, t));
    const ivs = strikes.map((K) => {
      const draw = normal(rng);
      rng = draw.rng;
      return Math.sqrt(sviTotalVariance(smile, Math.log(K / forward)) / t) * (1 + noise * draw.value);
    });
    return { expiry, t, forward, strikes, ivs };
  });
}

/** `metadata.svi`: per expiry the final raw SVI parameters, the fit RMSE (total variance) and whether repaired. */
function sviMetadata(fit: FittedSurface): Record<string, Record<string, number | boolean>> {
  return Object.fromEntries(
    fit.slices.map((s) => [
      s.expiry,
      { ...s.params, rmse: s.rmse, repaired: s.repaired.butterfly || s.repaired.calendar },
    ]),
  );
}

/**
 * Builds the surface at `nowMs` (SPEC §8.2): samples each listed expiry's nine strikes from the simulated
 * smile ({@link sampledQuotes}), fits them with `fitSurface` (raw SVI per expiry, butterfly and calendar
 * arbitrage checked and repaired), and prices every row from the fitted surface: Black-76 (r = 0) USD mid
 * with bid/ask around it and venue Greeks at the fitted IV. `atm_iv`, `iv_skew`, `term_structure` and
 * `rr_25d` come from the fit; `metadata.svi` and `metadata.arbitrage_free` describe it.
 */
export function buildSurface(input: SurfaceInput): SurfaceMessage {
  const expiries = listExpiries(input.nowMs);
  const atmExpiry = nearestExpiryAtLeast(expiries, input.nowMs);
  const quotes = sampledQuotes(input, expiries);
  const fit = fitSurface({ expiries: quotes });
  const rows: ChainRow[] = [];
  const forwards: Record<string, number> = {};
  const rr25: Record<string, number> = {};
  let ivSkew: Record<string, number> = {};
  for (const { expiry, strikes } of quotes) {
    const slice = fit.slice(expiry);
    const expiryRows = strikes.flatMap((strike) =>
      TYPES.map((type) => chainRow(input, { slice, strike, type })),
    );
    rows.push(...expiryRows);
    forwards[expiry] = slice.forward;
    rr25[expiry] = slice.rr25;
    if (expiry === atmExpiry) ivSkew = ivSkewOf(expiryRows, slice.forward);
  }
  const termStructure = Object.fromEntries(expiries.map((e) => [e, fit.slice(e).atmIv]));
  const atmIv = atmExpiry === null ? undefined : termStructure[atmExpiry];
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
    metadata: {
      source: 'market-simulator',
      expiries: expiries.length,
      strikes_per_expiry: 9,
      svi: sviMetadata(fit),
      arbitrage_free: fit.arbitrageFree,
    },
  };
}

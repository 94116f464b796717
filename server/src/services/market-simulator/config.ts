import { z } from 'zod';
import type { Env } from '../../config/env.ts';
import { SECONDS_PER_YEAR } from './core/ou.ts';
import { deriveStrikeSteps } from './core/strikes.ts';
import type { MarketParams, UnderlyingParams } from './core/underlying-state.ts';

const positive = z.number().finite().positive();
const SpotSymbolSchema = z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'a spot symbol such as BTC/USDT');
const OuSchema = (mean: number, sd: number, halfLifeS: number) =>
  z
    .strictObject({ mean: z.number().finite(), sd: z.number().finite().nonnegative(), halfLifeS: positive })
    .default({
      mean,
      sd,
      halfLifeS,
    });

/** Start prices of common coins; any other underlying starts at 100. */
export const DEFAULT_START_PRICES: Readonly<Record<string, number>> = {
  'BTC/USDT': 100_000,
  'ETH/USDT': 3_500,
  'SOL/USDT': 150,
  'BNB/USDT': 600,
  'XRP/USDT': 0.6,
  'DOGE/USDT': 0.15,
  'ADA/USDT': 0.5,
  'AVAX/USDT': 30,
  'LINK/USDT': 15,
  'LTC/USDT': 80,
};
const FALLBACK_START_PRICE = 100;

/** Most time steps of a warm-up history (a spot and a perpetual tick per underlying each), so it stays within a few seconds and STREAM_MAXLEN */
export const MAX_WARMUP_STEPS = 21_600;
const warmupSteps = (c: { warmupMin: number; tickIntervalMs: number }): number =>
  Math.ceil((c.warmupMin * 60_000) / c.tickIntervalMs);

/** Configuration of the market simulator (SPEC §8.2, §11 `SIM_*`). `{}` parses to the defaults. */
export const MarketSimulatorConfigSchema = z
  .strictObject({
    /** Master seed of every random number (`SIM_SEED`) */
    seed: z.number().int().default(42),
    /** Simulated spot symbols (`UNDERLYINGS`) */
    underlyings: z.array(SpotSymbolSchema).min(1).default(['BTC/USDT', 'ETH/USDT']),
    /** A spot and a perpetual tick per underlying every this many ms (`SIM_TICK_INTERVAL_MS`) */
    tickIntervalMs: z.number().int().positive().default(1000),
    /** A surface per underlying every this many seconds (`SIM_SURFACE_INTERVAL_S`) */
    surfaceIntervalS: positive.default(5),
    /** Full spot/perpetual bid-ask spread, bps (`SIM_SPREAD_BPS`) */
    spreadBps: z.number().finite().nonnegative().default(2),
    /** Forward basis per year: F = S·e^{basis·T} (`SIM_BASIS_ANNUAL`) */
    basisAnnual: z.number().finite().default(0.03),
    /** Option quotes: bid/ask = mid × (1 ∓ this) */
    optionHalfSpread: z.number().finite().min(0).max(0.5).default(0.01),
    /** Port of the sentiment HTTP server on 127.0.0.1 (`SIM_SENTIMENT_PORT`); null = no server, 0 = any free port */
    sentimentPort: z.number().int().min(0).max(65_535).nullable().default(null),
    /**
     * Minutes of seeded spot and perpetual history published at start for an underlying with no tick
     * in `market.tick` yet (`SIM_WARMUP_MIN`); 0 disables
     */
    warmupMin: z.number().finite().nonnegative().default(60),
    /** Simulated start time, epoch ms; null = the clock's time at `start()` */
    startTimeMs: z.number().int().nullable().default(null),
    /** Run the tick and surface timers; false = the owner calls `step(nowMs)` (tests) */
    timers: z.boolean().default(true),
    /** Start price per underlying (others: a table of common coins, else 100) */
    startPrices: z.record(z.string(), positive).default({}),
    /** Strike steps per underlying for expiries ≤ 3 days, ≤ 8 days, longer (others: 1 %, 2 %, 5 % of the start price, rounded) */
    strikeSteps: z
      .record(z.string(), z.tuple([positive, positive, positive]))
      .default({ 'BTC/USDT': [1000, 2000, 5000], 'ETH/USDT': [50, 100, 250] }),
    /** Long-run total volatility (diffusion + jumps) per underlying; others 0.8 */
    longRunVols: z.record(z.string(), positive).default({ 'BTC/USDT': 0.55, 'ETH/USDT': 0.7 }),
    /** Minutes for a variance shock to halve */
    varianceHalfLifeMin: positive.default(30),
    /** Stationary sd of the variance as a fraction of its long-run level (≤ 1 keeps it positive) */
    volOfVolRatio: z.number().finite().min(0).max(1).default(0.4),
    /** Correlation of price and variance shocks */
    correlation: z.number().min(-1).max(1).default(-0.5),
    /** Expected price jumps per hour, their mean and sd (log) */
    jumpsPerHour: z.number().finite().nonnegative().default(0.5),
    jumpMean: z.number().finite().default(0),
    jumpStd: z.number().finite().nonnegative().default(0.003),
    /** Implied-vol premium over expected realized vol (decimal vol) */
    premium: OuSchema(0, 0.05, 180),
    /** Perpetual premium over spot (decimal) */
    perpBasis: OuSchema(0.0002, 0.0003, 600),
    /** Latent sentiment mood and its lean per unit of the last hour's log return */
    sentiment: OuSchema(0, 0.4, 900),
    sentimentLeanPerReturn: z.number().finite().default(15),
    /** SVI shape: skew rho, wings β, curvature c (βc < 1), implied mean reversion per year, lowest ATM vol */
    smile: z
      .strictObject({
        skewRho: z.number().min(-0.99).max(0.99),
        wingBeta: positive,
        curvature: positive,
        impliedReversion: z.number().finite().nonnegative(),
        minAtmVol: positive,
      })
      .refine((s) => s.wingBeta * s.curvature < 1, 'smile: wingBeta × curvature must be < 1')
      .default({ skewRho: -0.25, wingBeta: 0.8, curvature: 1, impliedReversion: 12, minAtmVol: 0.05 }),
    /** Average daily spot volume, USD (coins = this / start price) */
    dailyVolumeUsd: positive.default(2e9),
  })
  .refine(
    (c) => warmupSteps(c) <= MAX_WARMUP_STEPS,
    `warm-up too long: SIM_WARMUP_MIN × 60 000 / SIM_TICK_INTERVAL_MS must be at most ${MAX_WARMUP_STEPS} steps (6 h of 1 s ticks)`,
  );
export type MarketSimulatorConfig = z.output<typeof MarketSimulatorConfigSchema>;
export type MarketSimulatorConfigInput = z.input<typeof MarketSimulatorConfigSchema>;

/** The config from the environment (SPEC §11), before overrides. */
export const marketSimulatorConfigFromEnv = (env: Env): MarketSimulatorConfigInput => ({
  seed: env.SIM_SEED,
  underlyings: env.UNDERLYINGS,
  tickIntervalMs: env.SIM_TICK_INTERVAL_MS,
  surfaceIntervalS: env.SIM_SURFACE_INTERVAL_S,
  spreadBps: env.SIM_SPREAD_BPS,
  basisAnnual: env.SIM_BASIS_ANNUAL,
  sentimentPort: env.simSentimentPort,
  warmupMin: env.SIM_WARMUP_MIN,
});

const halfLifeToRate = (halfLifeS: number): number => Math.LN2 / (halfLifeS / SECONDS_PER_YEAR);

/** The core parameters of one underlying. */
export function underlyingParams(c: MarketSimulatorConfig, underlying: string): UnderlyingParams {
  const startPrice = c.startPrices[underlying] ?? DEFAULT_START_PRICES[underlying] ?? FALLBACK_START_PRICE;
  const jumpsPerYear = c.jumpsPerHour * 24 * 365;
  const jumpVar = jumpsPerYear * (c.jumpMean ** 2 + c.jumpStd ** 2);
  const totalVar = (c.longRunVols[underlying] ?? 0.8) ** 2;
  // The diffusion takes what the jumps leave, but never less than a tenth of the total
  const longRunVariance = Math.max(totalVar - jumpVar, totalVar / 10);
  const meanReversion = halfLifeToRate(c.varianceHalfLifeMin * 60);
  const quote = underlying.split('/')[1] ?? 'USDT';
  return {
    underlying,
    perpetual: `${underlying}:${quote}`,
    startPrice,
    path: {
      longRunVariance,
      meanReversion,
      volOfVol: c.volOfVolRatio * Math.sqrt(2 * meanReversion * longRunVariance),
      correlation: c.correlation,
      jumpsPerYear,
      jumpMean: c.jumpMean,
      jumpStd: c.jumpStd,
    },
    premium: c.premium,
    basis: c.perpBasis,
    sentiment: { latent: c.sentiment, leanPerReturn: c.sentimentLeanPerReturn },
    strikeSteps: c.strikeSteps[underlying] ?? deriveStrikeSteps(startPrice),
    smile: c.smile,
    dailyVolume: c.dailyVolumeUsd / startPrice,
  };
}

/** The market-wide core parameters. */
export const marketParams = (c: MarketSimulatorConfig): MarketParams => ({
  spreadBps: c.spreadBps,
  basisAnnual: c.basisAnnual,
  quoteHalfSpread: c.optionHalfSpread,
});

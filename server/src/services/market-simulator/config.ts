import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { NUMBER, TEXT } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import { SIM_SENTIMENT_PORT, UNDERLYINGS } from '../../config/shared-settings.ts';
import { DAILY_HISTORY_SHAPES } from './core/daily-history.ts';
import { SECONDS_PER_YEAR } from './core/ou.ts';
import { deriveStrikeSteps } from './core/strikes.ts';
import type { MarketParams, UnderlyingParams } from './core/underlying-state.ts';

const positive = z.number().finite().positive();
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
/** Most days of seeded daily history (one `market.daily_history` entry per underlying holds them all) */
export const MAX_DAILY_HISTORY_DAYS = 1000;
const warmupSteps = (c: { warmupMin: number; tickIntervalMs: number }): number =>
  Math.ceil((c.warmupMin * 60_000) / c.tickIntervalMs);

const simSetting = <TSchema extends z.ZodType>(variable: string, schema: TSchema, meaning: string) =>
  setting({ variable, reader: NUMBER, schema, meaning: `market simulator: ${meaning}` });

/** Which environment variable feeds which field (SPEC §11 `SIM_*`). */
export const MARKET_SIMULATOR_ENV = {
  seed: simSetting('SIM_SEED', z.number().int().default(42), 'master seed of every random number'),
  underlyings: UNDERLYINGS,
  tickIntervalMs: simSetting(
    'SIM_TICK_INTERVAL_MS',
    z.number().int().positive().default(1000),
    'a spot and a perpetual tick per underlying every this many ms',
  ),
  surfaceIntervalS: simSetting(
    'SIM_SURFACE_INTERVAL_S',
    positive.default(5),
    'a surface per underlying every this many seconds',
  ),
  spreadBps: simSetting(
    'SIM_SPREAD_BPS',
    z.number().finite().nonnegative().default(2),
    'full spot/perpetual bid-ask spread, bps',
  ),
  basisAnnual: simSetting(
    'SIM_BASIS_ANNUAL',
    z.number().finite().default(0.03),
    'forward basis per year, F = S·e^{basis·T}',
  ),
  sentimentPort: SIM_SENTIMENT_PORT,
  warmupMin: simSetting(
    'SIM_WARMUP_MIN',
    z.number().finite().nonnegative().default(60),
    'minutes of seeded history published for an underlying with no tick yet; 0 disables',
  ),
  dailyHistoryDays: simSetting(
    'SIM_DAILY_HISTORY_DAYS',
    z.number().int().min(0).max(MAX_DAILY_HISTORY_DAYS).default(60),
    `completed daily bars of seeded history offered per underlying on \`market.daily_history\` (once: not when the stream has one), so S1 (52 days) trades at once; 0 disables, at most ${MAX_DAILY_HISTORY_DAYS}`,
  ),
  dailyHistoryShape: setting({
    variable: 'SIM_DAILY_HISTORY_SHAPE',
    reader: TEXT,
    schema: z.enum(DAILY_HISTORY_SHAPES).default('breakdown'),
    meaning:
      'market simulator: `breakdown` (the market fell into the start and the current price sits at least 0.2 % under every day’s low, so S1 buys at the first ticks) or `walk` (a free walk whose last close is the current price)',
  }),
};

/** Configuration of the market simulator (SPEC §8.2, §11 `SIM_*`). `{}` parses to the defaults. */
export const MarketSimulatorConfigSchema = z
  .strictObject({
    ...fieldsOf(MARKET_SIMULATOR_ENV),
    /** Option quotes: bid/ask = mid × (1 ∓ this) */
    optionHalfSpread: z.number().finite().min(0).max(0.5).default(0.01),
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

/** The simulator's section of the configuration, read from the environment. */
export const marketSimulatorSection = envSection(
  'market-simulator',
  MarketSimulatorConfigSchema,
  MARKET_SIMULATOR_ENV,
);

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

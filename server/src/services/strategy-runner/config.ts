import { z } from 'zod';

const positive = (def: number) => z.number().finite().positive().default(def);
const nonNegative = (def: number) => z.number().finite().nonnegative().default(def);

/** PQVolTrader settings (SPEC §4.1); durations in seconds. */
export const PqVolTraderConfigSchema = z.strictObject({
  /** Filters surfaces, forecasts and macro states; the intents' `symbol` */
  underlying: z.string().min(1).default('BTC/USDT'),
  /** Absolute threshold on Q − P */
  volThreshold: positive(0.05),
  /** Only forecasts of exactly this horizon are used */
  forecastHorizon: z.string().min(1).default('24h'),
  /** Bound on |current_position|, in structures */
  maxPositionSize: positive(1),
  /** Quantity of one intent, in structures */
  intentBaseSize: positive(0.1),
  /** FOMO gate (strictly above holds) */
  maxFomoScore: nonNegative(0.7),
  /** Minimum time between two trade intents */
  signalCooldownS: nonNegative(3600),
  /** No long-gamma intent after the underlying rose more than this since 00:00 UTC */
  maxIntradayReturn: z.number().finite().default(0.15),
  /** `straddle` or `strangle` */
  structure: z.enum(['straddle', 'strangle']).default('straddle'),
  /** Macro regimes in which the strategy holds */
  holdRegimes: z.array(z.string()).default([]),
  /** P or Q older than this is not used */
  staleAfterS: positive(300),
  /** At most one hold intent per this many seconds */
  holdIntervalS: nonNegative(60),
});
export type PqVolTraderConfig = z.output<typeof PqVolTraderConfigSchema>;

/** DeltaHedger settings (SPEC §4.2); durations in seconds. */
export const DeltaHedgerConfigSchema = z.strictObject({
  /** Whose delta it hedges */
  underlying: z.string().min(1).default('BTC/USDT'),
  /** Linear perpetual used to hedge */
  hedgeInstrument: z.string().min(1).default('BTC/USDT:USDT'),
  /** Coins; hedge when |total_delta| ≥ this */
  deltaThreshold: positive(0.05),
  /** Cooldown between hedges */
  rebalanceIntervalS: nonNegative(60),
  /** Quantity step of the hedge instrument */
  hedgeLot: positive(0.001),
  /** A hedge without a terminal decision or fill for this long is no longer considered in flight */
  inFlightTtlS: positive(900),
});
export type DeltaHedgerConfig = z.output<typeof DeltaHedgerConfigSchema>;

/** Grid settings (SPEC §4.3); durations in seconds. */
export const GridConfigSchema = z.strictObject({
  /** Traded spot symbol */
  symbol: z.string().min(1).default('BTC/USDT'),
  /** 0 = take the first tick's price */
  basePrice: nonNegative(0),
  /** Band half-width, percent */
  gridSizePct: positive(2),
  /** Reversal threshold factor */
  flipThresholdFactor: nonNegative(0.3),
  /** Minimum time since the last signal or fill */
  minTradeIntervalS: nonNegative(30),
  /** Order size as a share of equity */
  orderFraction: positive(0.1),
  /** A signal without a terminal decision or fill for this long is no longer considered in flight */
  inFlightTtlS: positive(900),
});
export type GridConfig = z.output<typeof GridConfigSchema>;

/** S1 position controller settings (SPEC §4.4). */
export const S1ConfigSchema = z.strictObject({
  /** Traded spot symbol */
  symbol: z.string().min(1).default('BTC/USDT'),
  /** Completed daily UTC bars the levels are taken from */
  lookback: z.number().int().positive().default(52),
  /** Position share a sell above the high trades down to */
  sellTargetPct: nonNegative(0.5),
  /** Position share a buy below the low trades up to */
  buyTargetPct: nonNegative(0.7),
  /** Level refresh period, hours */
  dailyUpdateIntervalH: positive(23.9),
  /** Share of the held quantity a sell may use */
  safetyMargin: positive(0.95),
  /** Smallest order quantity */
  minAmount: nonNegative(0.0001),
  /** Smallest order value, USD */
  minNotional: nonNegative(10),
  /** Quantities are floored to this many decimals */
  amountPrecision: z.number().int().nonnegative().default(3),
  /** An intent without a terminal decision or fill for this long is no longer considered in flight */
  inFlightTtlS: positive(900),
});
export type S1Config = z.output<typeof S1ConfigSchema>;

/** The strategy types the runner hosts. */
export const STRATEGY_TYPES = ['pq_vol_trader', 'delta_hedger', 'grid', 's1'] as const;
export type StrategyType = (typeof STRATEGY_TYPES)[number];

/** One configured strategy instance. */
export type StrategyInstanceConfig =
  | { type: 'pq_vol_trader'; id: string; config: PqVolTraderConfig }
  | { type: 'delta_hedger'; id: string; config: DeltaHedgerConfig }
  | { type: 'grid'; id: string; config: GridConfig }
  | { type: 's1'; id: string; config: S1Config };

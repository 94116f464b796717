import { z } from 'zod';
import { LIST, NUMBER, TEXT } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import { DELTA_THRESHOLD, PQ_FORECAST_HORIZON, PQ_MAX_FOMO_SCORE } from '../../config/shared-settings.ts';

const positive = (def: number) => z.number().finite().positive().default(def);
const nonNegative = (def: number) => z.number().finite().nonnegative().default(def);
const numeric = <TSchema extends z.ZodType>(variable: string, schema: TSchema, meaning: string) =>
  setting({ variable, reader: NUMBER, schema, meaning });

/** Which environment variable feeds which PQVolTrader field, for every instance (SPEC §4.1, §11 `PQ_*`). */
export const PQ_VOL_TRADER_ENV = {
  volThreshold: numeric('PQ_VOL_THRESHOLD', positive(0.05), 'PQVolTrader: absolute threshold on Q − P'),
  forecastHorizon: PQ_FORECAST_HORIZON,
  maxPositionSize: numeric(
    'PQ_MAX_POSITION_SIZE',
    positive(1),
    'PQVolTrader: bound on |position|, structures',
  ),
  intentBaseSize: numeric(
    'PQ_INTENT_BASE_SIZE',
    positive(0.1),
    'PQVolTrader: quantity of one intent, structures',
  ),
  maxFomoScore: PQ_MAX_FOMO_SCORE,
  signalCooldownS: numeric(
    'PQ_SIGNAL_COOLDOWN_S',
    nonNegative(3600),
    'PQVolTrader: minimum time between two trade intents, s',
  ),
  maxIntradayReturn: numeric(
    'PQ_MAX_INTRADAY_RETURN',
    z.number().finite().default(0.15),
    'PQVolTrader: no long-gamma intent after the underlying rose more than this since 00:00 UTC, decimal',
  ),
  structure: setting({
    variable: 'PQ_STRUCTURE',
    reader: TEXT,
    schema: z.enum(['straddle', 'strangle']).default('straddle'),
    meaning: 'PQVolTrader: `straddle` or `strangle`',
  }),
  holdRegimes: setting({
    variable: 'PQ_HOLD_REGIMES',
    reader: LIST,
    schema: z.array(z.string()).default([]),
    whenEmpty: 'none',
    meaning: 'PQVolTrader: macro regimes in which it holds, comma-separated',
  }),
  staleAfterS: numeric(
    'PQ_STALE_AFTER_S',
    positive(300),
    'PQVolTrader: P or Q older than this is not used, s',
  ),
};

/** PQVolTrader settings (SPEC §4.1); durations in seconds. */
export const PqVolTraderConfigSchema = z.strictObject({
  /** Filters surfaces, forecasts and macro states; the intents' `symbol` */
  underlying: z.string().min(1).default('BTC/USDT'),
  ...fieldsOf(PQ_VOL_TRADER_ENV),
  /** At most one hold intent per this many seconds */
  holdIntervalS: nonNegative(60),
});
export type PqVolTraderConfig = z.output<typeof PqVolTraderConfigSchema>;

/** Which environment variable feeds which DeltaHedger field, for every instance (SPEC §4.2, §11 `DELTA_*`). */
export const DELTA_HEDGER_ENV = {
  deltaThreshold: DELTA_THRESHOLD,
  rebalanceIntervalS: numeric(
    'DELTA_REBALANCE_INTERVAL_S',
    nonNegative(60),
    'DeltaHedger: cooldown between hedges, s',
  ),
  hedgeLot: numeric('DELTA_HEDGE_LOT', positive(0.001), 'DeltaHedger: quantity step of the hedge instrument'),
};

/** DeltaHedger settings (SPEC §4.2); durations in seconds. */
export const DeltaHedgerConfigSchema = z.strictObject({
  /** Whose delta it hedges */
  underlying: z.string().min(1).default('BTC/USDT'),
  /** Linear perpetual used to hedge (from `DELTA_HEDGE_INSTRUMENT`) */
  hedgeInstrument: z.string().min(1).default('BTC/USDT:USDT'),
  ...fieldsOf(DELTA_HEDGER_ENV),
  /** A hedge without a terminal decision or fill for this long is no longer considered in flight */
  inFlightTtlS: positive(900),
});
export type DeltaHedgerConfig = z.output<typeof DeltaHedgerConfigSchema>;

/** Which environment variable feeds which Grid field, for every instance (SPEC §4.3, §11 `GRID_*`). */
export const GRID_ENV = {
  basePrice: numeric('GRID_BASE_PRICE', nonNegative(0), 'Grid: band centre; 0 = the first tick’s price'),
  gridSizePct: numeric('GRID_SIZE_PCT', positive(2), 'Grid: band half-width, percent'),
  flipThresholdFactor: numeric(
    'GRID_FLIP_THRESHOLD_FACTOR',
    nonNegative(0.3),
    'Grid: reversal threshold factor',
  ),
  minTradeIntervalS: numeric(
    'GRID_MIN_TRADE_INTERVAL_S',
    nonNegative(30),
    'Grid: minimum time since the last signal or fill, s',
  ),
  orderFraction: numeric('GRID_ORDER_FRACTION', positive(0.1), 'Grid: order size as a share of equity'),
};

/** Grid settings (SPEC §4.3); durations in seconds. */
export const GridConfigSchema = z.strictObject({
  /** Traded spot symbol */
  symbol: z.string().min(1).default('BTC/USDT'),
  ...fieldsOf(GRID_ENV),
  /** A signal without a terminal decision or fill for this long is no longer considered in flight */
  inFlightTtlS: positive(900),
});
export type GridConfig = z.output<typeof GridConfigSchema>;

/** Which environment variable feeds which S1 field, for every instance (SPEC §4.4, §11 `S1_*`). */
export const S1_ENV = {
  lookback: numeric(
    'S1_LOOKBACK',
    z.number().int().positive().default(52),
    'S1: completed daily UTC bars the levels are taken from (from ticks and `market.daily_history`, which the simulator seeds: `SIM_DAILY_HISTORY_DAYS`)',
  ),
  sellTargetPct: numeric(
    'S1_SELL_TARGET_PCT',
    nonNegative(0.15),
    'S1: position share a sell above the high trades down to (SPEC §4 says 0.5; see README "S1 sizing")',
  ),
  buyTargetPct: numeric(
    'S1_BUY_TARGET_PCT',
    nonNegative(0.25),
    'S1: position share a buy below the low trades up to (SPEC §4 says 0.7; see README "S1 sizing")',
  ),
  dailyUpdateIntervalH: numeric(
    'S1_DAILY_UPDATE_INTERVAL_H',
    positive(23.9),
    'S1: level refresh period, hours',
  ),
  safetyMargin: numeric('S1_SAFETY_MARGIN', positive(0.95), 'S1: share of the held quantity a sell may use'),
  retryAfterS: numeric(
    'S1_RETRY_AFTER_S',
    nonNegative(300),
    'S1: no new intent for this long after one of its intents ended unfilled (vetoed, expired, rejected), s',
  ),
};

/** S1 position controller settings (SPEC §4.4). */
export const S1ConfigSchema = z.strictObject({
  /** Traded spot symbol */
  symbol: z.string().min(1).default('BTC/USDT'),
  ...fieldsOf(S1_ENV),
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

/** The strategy runner's section of the configuration: the instances it hosts. */
export interface StrategyRunnerConfig {
  instances: StrategyInstanceConfig[];
}

/** The instances to run (`<type>:<BASE/QUOTE>` entries; the id is type + base coin, e.g. `grid_btc`). */
export const STRATEGIES = setting({
  variable: 'STRATEGIES',
  reader: LIST,
  schema: z
    .array(z.string())
    .default([
      'pq_vol_trader:BTC/USDT',
      'pq_vol_trader:ETH/USDT',
      'delta_hedger:BTC/USDT',
      'delta_hedger:ETH/USDT',
      'grid:BTC/USDT',
      's1:BTC/USDT',
    ]),
  meaning: 'strategy instances, `<type>:<BASE/QUOTE>`',
});

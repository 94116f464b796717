import { z } from 'zod';

const num = (def: number) => z.coerce.number().finite().default(def);
const int = (def: number) => z.coerce.number().int().default(def);
const list = (def: string) =>
  z
    .string()
    .default(def)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    );

/** Every environment variable of SPEC §11 with its default. */
export const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379/0'),
  STREAM_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_\-.]+$/)
    .default('glm'),
  STREAM_MAXLEN: int(100_000),
  BUS_READ_COUNT: int(100),
  BUS_BLOCK_MS: int(1000),
  BUS_CLAIM_IDLE_MS: int(30_000),
  BUS_MAX_DELIVERIES: int(5),
  PORT: int(4000),
  HOST: z.string().default('127.0.0.1'),
  DEFAULT_TRADER_ID: z.string().default('trader'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  WEB_DIST_DIR: z.string().optional(),
  SERVICES: list('all'),
  UNDERLYINGS: list('BTC/USDT,ETH/USDT'),
  STRATEGIES: list(
    'pq_vol_trader:BTC/USDT,pq_vol_trader:ETH/USDT,delta_hedger:BTC/USDT,delta_hedger:ETH/USDT,grid:BTC/USDT',
  ),
  APPROVAL_MODE: z.enum(['manual', 'auto']).default('manual'),
  APPROVAL_TTL_S: num(120),
  AUTO_APPROVE_ACTIONS: list(''),
  LEGACY_SIGNAL_DEFAULT_QTY: num(0.1),
  RISK_MAX_DRAWDOWN_PCT: num(0.2),
  RISK_MAX_POSITION_RATIO: num(0.8),
  RISK_MIN_POSITION_RATIO: num(0.1),
  RISK_MAX_SINGLE_POSITION_PCT: num(0.3),
  RISK_MAX_GROSS_LEVERAGE: num(3.0),
  RISK_MAX_POSITION_QTY: z
    .string()
    .default('BTC:5,ETH:50')
    .transform((s, ctx) => {
      const out: Record<string, number> = {};
      for (const part of s.split(',').filter((p) => p.trim() !== '')) {
        const [coin, qty] = part.split(':').map((x) => x.trim());
        const n = Number(qty);
        if (!coin || !Number.isFinite(n) || n <= 0) {
          ctx.addIssue({ code: 'custom', message: `RISK_MAX_POSITION_QTY: bad entry "${part}"` });
          return z.NEVER;
        }
        out[coin.toUpperCase()] = n;
      }
      return out;
    }),
  RISK_CHECK_INTERVAL_S: num(60),
  RISK_ALERT_REPEAT_S: num(600),
  PORTFOLIO_RISK_INTERVAL_MS: int(1000),
  SENTIMENT_API_URLS: z.string().optional(),
  MACRO_BROADCAST_INTERVAL_S: num(60),
  SENTIMENT_QUERY: z.string().default('BTC'),
  MACRO_SYMBOL: z.string().default('BTC/USDT'),
  MACRO_VOL_WINDOW_MIN: num(60),
  MACRO_VOL_BAR_S: num(60),
  PQ_VOL_THRESHOLD: num(0.05),
  PQ_FORECAST_HORIZON: z.string().default('24h'),
  PQ_MAX_POSITION_SIZE: num(1.0),
  PQ_INTENT_BASE_SIZE: num(0.1),
  PQ_MAX_FOMO_SCORE: num(0.7),
  PQ_SIGNAL_COOLDOWN_S: num(3600),
  PQ_MAX_INTRADAY_RETURN: num(0.15),
  PQ_STRUCTURE: z.enum(['straddle', 'strangle']).default('straddle'),
  PQ_HOLD_REGIMES: list(''),
  PQ_STALE_AFTER_S: num(300),
  DELTA_THRESHOLD: num(0.05),
  DELTA_REBALANCE_INTERVAL_S: num(60),
  DELTA_HEDGE_LOT: num(0.001),
  DELTA_HEDGE_INSTRUMENT: z.string().default('{BASE}/USDT:USDT'),
  GRID_SIZE_PCT: num(2.0),
  GRID_FLIP_THRESHOLD_FACTOR: num(0.3),
  GRID_MIN_TRADE_INTERVAL_S: num(30),
  GRID_BASE_PRICE: num(0),
  GRID_ORDER_FRACTION: num(0.1),
  S1_LOOKBACK: int(52),
  S1_SELL_TARGET_PCT: num(0.5),
  S1_BUY_TARGET_PCT: num(0.7),
  S1_DAILY_UPDATE_INTERVAL_H: num(23.9),
  S1_SAFETY_MARGIN: num(0.95),
  EXEC_SURFACE_MAX_AGE_S: num(60),
  EXEC_MIN_EXPIRY_H: num(24),
  EXEC_STRANGLE_DELTA: num(0.25),
  EXEC_PRICE_BUFFER_PCT: num(0.01),
  PAPER_INITIAL_BALANCE_USDT: num(100_000),
  PAPER_SPREAD_BPS: num(2),
  SIM_SEED: int(42),
  SIM_TICK_INTERVAL_MS: int(1000),
  SIM_SURFACE_INTERVAL_S: num(5),
  SIM_SPREAD_BPS: num(2),
  SIM_BASIS_ANNUAL: num(0.03),
  SIM_SENTIMENT_PORT: z.coerce.number().int().optional(),
  SIM_WARMUP_MIN: z.coerce.number().finite().nonnegative().default(60),
  FORECAST_BAR_S: num(5),
  FORECAST_MIN_RETURNS: int(20),
  FORECAST_INTERVAL_S: num(10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** The parsed environment, plus per-instance strategy overrides and the resolved sentiment URLs. */
export type Env = z.output<typeof EnvSchema> & {
  /** `STRATEGY_<ID>_<KEY>` variables, as given */
  strategyOverrides: Record<string, string>;
  /** Resolved `SENTIMENT_API_URLS` (default: the simulator's endpoint; empty disables) */
  sentimentUrls: string[];
  /** Resolved sentiment port of the simulator */
  simSentimentPort: number;
};

/**
 * Parses an environment (default `process.env`), reporting every bad variable at once.
 * Throws an Error naming each offending variable.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  const strategyOverrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('STRATEGY_') && value !== undefined && key !== 'STRATEGIES')
      strategyOverrides[key] = value;
  }
  // PORT 0 (any free port) must not put the sentiment server on port 1
  const simSentimentPort =
    parsed.data.SIM_SENTIMENT_PORT ?? (parsed.data.PORT === 0 ? 0 : parsed.data.PORT + 1);
  const rawUrls = source.SENTIMENT_API_URLS;
  const sentimentUrls =
    rawUrls === undefined
      ? [`http://127.0.0.1:${simSentimentPort}`]
      : rawUrls
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== '');
  return { ...parsed.data, strategyOverrides, sentimentUrls, simSentimentPort };
}

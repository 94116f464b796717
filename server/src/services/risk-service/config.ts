import { z } from 'zod';
import type { Env } from '../../config/env.ts';

const positive = z.number().finite().positive();
const fraction = z.number().finite().min(0);

/** Configuration of the risk service (SPEC §6.2–6.4, §11). `{}` parses to the defaults. */
export const RiskServiceConfigSchema = z.strictObject({
  /** Underlyings always reported on `portfolio.risk` (`UNDERLYINGS`); held ones are added */
  underlyings: z.array(z.string().min(1)).default(['BTC/USDT', 'ETH/USDT']),
  /** Starting cash, USDT (`PAPER_INITIAL_BALANCE_USDT`) */
  initialBalance: z.number().finite().default(100_000),
  /** `portfolio.risk` timer, ms (`PORTFOLIO_RISK_INTERVAL_MS`) */
  portfolioRiskIntervalMs: positive.default(1000),
  /** Alert evaluation timer, s (`RISK_CHECK_INTERVAL_S`) */
  riskCheckIntervalS: positive.default(60),
  /** Repeat of an active alert, s (`RISK_ALERT_REPEAT_S`) */
  alertRepeatS: positive.default(600),
  /** Critical drawdown (`RISK_MAX_DRAWDOWN_PCT`) */
  maxDrawdown: fraction.default(0.2),
  /** Drawdown warning level (SPEC §6.4) */
  drawdownWarning: fraction.default(0.15),
  /** Position ratio band (`RISK_MAX_POSITION_RATIO`, `RISK_MIN_POSITION_RATIO`) */
  maxPositionRatio: fraction.default(0.8),
  minPositionRatio: fraction.default(0.1),
  /** Position ratio warning level (SPEC §6.4) */
  positionRatioWarning: fraction.default(0.75),
  /** Leverage limit (`RISK_MAX_GROSS_LEVERAGE`) */
  maxLeverage: positive.default(3),
  /** The hedgers' delta threshold (`DELTA_THRESHOLD`); alerts at twice it */
  deltaThreshold: positive.default(0.05),
  /** Per base coin overrides of the threshold (`STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD`) */
  deltaThresholdByBase: z.record(z.string(), positive).default({}),
  /** Macro loop period, s (`MACRO_BROADCAST_INTERVAL_S`) */
  macroIntervalS: positive.default(60),
  /** Symbol whose 1-minute returns give the realized vol (`MACRO_SYMBOL`) */
  macroSymbol: z.string().min(1).default('BTC/USDT'),
  /** Realized vol window, minutes (`MACRO_VOL_WINDOW_MIN`) */
  macroVolWindowMin: positive.default(60),
  /** Bar of the realized vol returns, s (`MACRO_VOL_BAR_S`, 60 = SPEC's one-minute returns) */
  macroVolBarS: positive.default(60),
  /** Sentiment base URLs, tried in order (`SENTIMENT_API_URLS`); empty disables */
  sentimentUrls: z.array(z.string().min(1)).default([]),
  /** `query` of the sentiment request (`SENTIMENT_QUERY`) */
  sentimentQuery: z.string().min(1).default('BTC'),
  /** Ticks replayed from `market.tick` at start (latest marks, macro realized-vol closes); 20 000 ≈ 80 min of 4 symbols at 1 Hz */
  warmupTicks: z.number().int().nonnegative().default(20_000),
  /** Fills replayed from `order.fill` at start to rebuild the book (0 = none) */
  replayFills: z.number().int().nonnegative().default(10_000),
  /** Run the timers; false = the owner calls `publishPortfolioRisk`, `checkAlerts`, `runMacro` (tests) */
  timers: z.boolean().default(true),
});
export type RiskServiceConfig = z.output<typeof RiskServiceConfigSchema>;
export type RiskServiceConfigInput = z.input<typeof RiskServiceConfigSchema>;

const OVERRIDE_RE = /^STRATEGY_DELTA_HEDGER_([A-Z0-9]+)_DELTA_THRESHOLD$/;

/** The config from the environment (SPEC §11). */
export function riskServiceConfigFromEnv(env: Env): RiskServiceConfigInput {
  const deltaThresholdByBase: Record<string, number> = {};
  for (const [key, raw] of Object.entries(env.strategyOverrides)) {
    const base = OVERRIDE_RE.exec(key)?.[1];
    if (base === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${key}: not a positive number: "${raw}"`);
    deltaThresholdByBase[base] = n;
  }
  return {
    underlyings: env.UNDERLYINGS,
    initialBalance: env.PAPER_INITIAL_BALANCE_USDT,
    portfolioRiskIntervalMs: env.PORTFOLIO_RISK_INTERVAL_MS,
    riskCheckIntervalS: env.RISK_CHECK_INTERVAL_S,
    alertRepeatS: env.RISK_ALERT_REPEAT_S,
    maxDrawdown: env.RISK_MAX_DRAWDOWN_PCT,
    maxPositionRatio: env.RISK_MAX_POSITION_RATIO,
    minPositionRatio: env.RISK_MIN_POSITION_RATIO,
    maxLeverage: env.RISK_MAX_GROSS_LEVERAGE,
    deltaThreshold: env.DELTA_THRESHOLD,
    deltaThresholdByBase,
    macroIntervalS: env.MACRO_BROADCAST_INTERVAL_S,
    macroSymbol: env.MACRO_SYMBOL,
    macroVolWindowMin: env.MACRO_VOL_WINDOW_MIN,
    macroVolBarS: env.MACRO_VOL_BAR_S,
    sentimentUrls: env.sentimentUrls,
    sentimentQuery: env.SENTIMENT_QUERY,
  };
}

import { z } from 'zod';
import { LIST, NUMBER, TEXT } from '../../config/readers.ts';
import { fieldsOf, setting, valueOf } from '../../config/setting.ts';
import {
  DELTA_THRESHOLD,
  MACRO_BROADCAST_INTERVAL_S,
  PAPER_INITIAL_BALANCE_USDT,
  RISK_MAX_DRAWDOWN_PCT,
  RISK_MAX_GROSS_LEVERAGE,
  RISK_MAX_POSITION_RATIO,
  RISK_MIN_POSITION_RATIO,
  SIM_SENTIMENT_PORT,
  UNDERLYINGS,
  withHedgerThresholds,
} from '../../config/shared-settings.ts';

const positive = z.number().finite().positive();
const fraction = z.number().finite().min(0);
const seconds = (variable: string, def: number, meaning: string) =>
  setting({ variable, reader: NUMBER, schema: positive.default(def), meaning });

/** Which environment variable feeds which field (SPEC §6.2–6.4, §11). */
export const RISK_SERVICE_ENV = {
  underlyings: UNDERLYINGS,
  initialBalance: PAPER_INITIAL_BALANCE_USDT,
  portfolioRiskIntervalMs: setting({
    variable: 'PORTFOLIO_RISK_INTERVAL_MS',
    reader: NUMBER,
    schema: positive.default(1000),
    meaning: '`portfolio.risk` broadcast period (also after every fill), ms',
  }),
  riskCheckIntervalS: seconds('RISK_CHECK_INTERVAL_S', 60, 'risk alert evaluation period, s'),
  alertRepeatS: seconds('RISK_ALERT_REPEAT_S', 600, 'repeat of an active risk alert, s'),
  maxDrawdown: RISK_MAX_DRAWDOWN_PCT,
  maxPositionRatio: RISK_MAX_POSITION_RATIO,
  minPositionRatio: RISK_MIN_POSITION_RATIO,
  maxLeverage: RISK_MAX_GROSS_LEVERAGE,
  deltaThreshold: DELTA_THRESHOLD,
  macroIntervalS: MACRO_BROADCAST_INTERVAL_S,
  macroSymbol: setting({
    variable: 'MACRO_SYMBOL',
    reader: TEXT,
    schema: z.string().min(1).default('BTC/USDT'),
    meaning: 'macro loop: symbol whose returns give the realized vol',
  }),
  macroVolWindowMin: seconds('MACRO_VOL_WINDOW_MIN', 60, 'macro loop: realized vol window, minutes'),
  macroVolBarS: seconds(
    'MACRO_VOL_BAR_S',
    60,
    'bar of the macro realized-vol returns, s (SPEC: one minute; at least 10 returns are needed, so FOMO is unknown for the first 10 bars; a demo can shorten it)',
  ),
  sentimentUrls: setting({
    variable: 'SENTIMENT_API_URLS',
    reader: LIST,
    schema: z.array(z.string().min(1)).default([]),
    whenEmpty: 'disables',
    whenUnset: (source) => [`http://127.0.0.1:${valueOf(SIM_SENTIMENT_PORT, source) ?? 0}`],
    defaultText: '`http://127.0.0.1:<SIM_SENTIMENT_PORT>`',
    meaning: 'sentiment sources, tried in order, comma-separated; empty disables',
  }),
  onchainUrl: setting({
    variable: 'ONCHAIN_URL',
    reader: TEXT,
    schema: z
      .string()
      .trim()
      .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'an http(s) base URL, or empty to disable')
      .default(''),
    whenEmpty: 'disables',
    whenUnset: (source) => `http://127.0.0.1:${valueOf(SIM_SENTIMENT_PORT, source) ?? 0}`,
    defaultText: '`http://127.0.0.1:<SIM_SENTIMENT_PORT>`',
    meaning:
      'on-chain activity source (`GET <url>/api/v1/onchain/activity?asset=<MACRO_SYMBOL base>`, the simulator by default); empty disables',
  }),
  onchainTimeoutMs: setting({
    variable: 'ONCHAIN_TIMEOUT_MS',
    reader: NUMBER,
    schema: positive.max(60_000).default(3000),
    meaning: 'on-chain source: timeout of one request, ms',
  }),
  onchainRetries: setting({
    variable: 'ONCHAIN_RETRIES',
    reader: NUMBER,
    schema: z.number().int().min(0).max(10).default(2),
    meaning: 'on-chain source: retries of a failed request within one macro broadcast',
  }),
  onchainRetryBackoffMs: setting({
    variable: 'ONCHAIN_RETRY_BACKOFF_MS',
    reader: NUMBER,
    schema: z.number().finite().min(0).max(10_000).default(500),
    meaning: 'on-chain source: wait before retry n is n × this, ms',
  }),
  onchainBreakerThreshold: setting({
    variable: 'ONCHAIN_BREAKER_THRESHOLD',
    reader: NUMBER,
    schema: z.number().int().min(1).default(3),
    meaning: 'on-chain source: consecutive failed readings (retries spent) that open the circuit breaker',
  }),
  onchainBreakerCooldownS: seconds(
    'ONCHAIN_BREAKER_COOLDOWN_S',
    120,
    'on-chain source: an open breaker asks nothing for this long, then lets one trial reading go (half-open), s',
  ),
  onchainStaleS: seconds(
    'ONCHAIN_STALE_S',
    300,
    'on-chain source: a reading older than this is stale (`onchain_activity` null, its age still in `onchain_age_s`), s',
  ),
  sentimentQuery: setting({
    variable: 'SENTIMENT_QUERY',
    reader: TEXT,
    schema: z.string().min(1).default('BTC'),
    meaning: 'macro loop: `query` of the sentiment request',
  }),
};

/** Configuration of the risk service (SPEC §6.2–6.4, §11). `{}` parses to the defaults. */
export const RiskServiceConfigSchema = z.strictObject({
  ...fieldsOf(RISK_SERVICE_ENV),
  /** Drawdown warning level (SPEC §6.4) */
  drawdownWarning: fraction.default(0.15),
  /** Position ratio warning level (SPEC §6.4) */
  positionRatioWarning: fraction.default(0.75),
  /** Per base coin overrides of the threshold (`STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD`) */
  deltaThresholdByBase: z.record(z.string(), positive).default({}),
  /** Ticks replayed from `market.tick` at start (latest marks, macro realized-vol closes); 20 000 ≈ 80 min of 4 symbols at 1 Hz */
  warmupTicks: z.number().int().nonnegative().default(20_000),
  /** Run the timers; false = the owner calls `publishPortfolioRisk`, `checkAlerts`, `runMacro` (tests) */
  timers: z.boolean().default(true),
});
export type RiskServiceConfig = z.output<typeof RiskServiceConfigSchema>;
export type RiskServiceConfigInput = z.input<typeof RiskServiceConfigSchema>;

/** The risk service's section of the configuration: its variables plus the per-hedger thresholds. */
export const riskServiceSection = withHedgerThresholds({
  owner: 'risk-service',
  schema: RiskServiceConfigSchema,
  bindings: RISK_SERVICE_ENV,
});

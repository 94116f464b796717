import { z } from 'zod';
import { PORT } from './process-config.ts';
import {
  readSection,
  withProblems,
  type ConfigProblem,
  type ConfigSection,
  type SectionSpec,
} from './read-section.ts';
import { COIN_QUANTITIES, LIST, NUMBER, TEXT } from './readers.ts';
import { setting, valueOf, type EnvSource } from './setting.ts';

// Variables several sections read: each is defined here once and referenced by every section using it.

const positive = z.number().finite().positive();
const fraction = z.number().finite().min(0);

/** Spot symbols the desk trades: simulated, forecast, reported on `portfolio.risk`, shown in the console. */
export const UNDERLYINGS = setting({
  variable: 'UNDERLYINGS',
  reader: LIST,
  schema: z
    .array(z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'a spot symbol such as BTC/USDT'))
    .min(1)
    .default(['BTC/USDT', 'ETH/USDT']),
  meaning: 'simulated underlyings (spot symbols), also forecast, risk-reported and shown in the console',
});

/** Starting cash of the paper account, USDT. */
export const PAPER_INITIAL_BALANCE_USDT = setting({
  variable: 'PAPER_INITIAL_BALANCE_USDT',
  reader: NUMBER,
  schema: z.number().finite().default(100_000),
  meaning: 'starting cash of the paper account, USDT',
});

/** Drawdown limit, decimal (0.2 = 20 %). */
export const RISK_MAX_DRAWDOWN_PCT = setting({
  variable: 'RISK_MAX_DRAWDOWN_PCT',
  reader: NUMBER,
  schema: fraction.default(0.2),
  meaning: 'drawdown veto and critical alert, decimal',
});

/**
 * Daily loss limit, decimal of the start-of-UTC-day equity: the engine's `daily_loss` check and the kill
 * switch's HALTED trip (issue 9).
 */
export const RISK_DAILY_LOSS_PCT = setting({
  variable: 'RISK_DAILY_LOSS_PCT',
  reader: NUMBER,
  schema: z.number().finite().positive().max(1).default(0.05),
  meaning:
    'daily loss limit, decimal of the equity at the start of the UTC day: the kill switch halts trading when equity ≤ start × (1 − this)',
});

/** Upper bound of position value / equity. */
export const RISK_MAX_POSITION_RATIO = setting({
  variable: 'RISK_MAX_POSITION_RATIO',
  reader: NUMBER,
  schema: fraction.default(0.8),
  meaning: 'upper bound of position value / equity (direction-aware)',
});

/** Lower bound of position value / equity. */
export const RISK_MIN_POSITION_RATIO = setting({
  variable: 'RISK_MIN_POSITION_RATIO',
  reader: NUMBER,
  schema: fraction.default(0.1),
  meaning: 'lower bound of position value / equity (direction-aware)',
});

/** Gross notional / equity limit. */
export const RISK_MAX_GROSS_LEVERAGE = setting({
  variable: 'RISK_MAX_GROSS_LEVERAGE',
  reader: NUMBER,
  schema: positive.default(3),
  meaning: 'gross notional / equity limit',
});

/** Nearest expiry an option leg may use, hours. */
export const EXEC_MIN_EXPIRY_H = setting({
  variable: 'EXEC_MIN_EXPIRY_H',
  reader: NUMBER,
  schema: z.number().finite().default(24),
  meaning: 'nearest expiry an option leg may use, hours',
});

/** |delta| of a strangle's legs. */
export const EXEC_STRANGLE_DELTA = setting({
  variable: 'EXEC_STRANGLE_DELTA',
  reader: NUMBER,
  schema: z.number().finite().default(0.25),
  meaning: '|delta| of a strangle’s legs',
});

/** Limit price buffer over the quote, decimal. */
export const EXEC_PRICE_BUFFER_PCT = setting({
  variable: 'EXEC_PRICE_BUFFER_PCT',
  reader: NUMBER,
  schema: z.number().finite().default(0.01),
  meaning: 'limit price buffer beyond the quote, decimal',
});

/**
 * Whether a trader decides (`manual`), the engine approves every passing intent (`auto`), or the level the
 * market sets decides (`policy`: issue 9 item 5).
 */
export const APPROVAL_MODE = setting({
  variable: 'APPROVAL_MODE',
  reader: TEXT,
  schema: z.enum(['manual', 'auto', 'policy']).default('manual'),
  meaning:
    '`manual` (a trader decides), `auto`, or `policy` (the macro state sets a level: normal, elevated, extreme; see "Approval policy")',
});

/** `APPROVAL_MODE=policy`: FOMO at or above this is extreme (global REDUCING). */
export const POLICY_EXTREME_FOMO = setting({
  variable: 'POLICY_EXTREME_FOMO',
  reader: NUMBER,
  schema: z.number().finite().min(0).max(1).default(0.8),
  meaning: 'approval policy: FOMO at or above this is extreme (global REDUCING)',
});

/** `APPROVAL_MODE=policy`: FOMO at or above this is elevated. */
export const POLICY_ELEVATED_FOMO = setting({
  variable: 'POLICY_ELEVATED_FOMO',
  reader: NUMBER,
  schema: z.number().finite().min(0).max(1).default(0.5),
  meaning: 'approval policy: FOMO at or above this is elevated (every exposure-increasing intent pending)',
});

/** `market.macro_state` period: the risk service broadcasts at it, the approval policy calls a state stale after three. */
export const MACRO_BROADCAST_INTERVAL_S = setting({
  variable: 'MACRO_BROADCAST_INTERVAL_S',
  reader: NUMBER,
  schema: positive.default(60),
  meaning:
    '`market.macro_state` period, s; the approval policy reads a state older than three periods as stale',
});

/** Life of a pending approval, seconds. */
export const APPROVAL_TTL_S = setting({
  variable: 'APPROVAL_TTL_S',
  reader: NUMBER,
  schema: z.number().finite().default(120),
  meaning: 'a pending approval expires after this, s',
});

/** PQVolTrader's FOMO gate (strictly above holds). */
export const PQ_MAX_FOMO_SCORE = setting({
  variable: 'PQ_MAX_FOMO_SCORE',
  reader: NUMBER,
  schema: z.number().finite().nonnegative().default(0.7),
  meaning: 'PQVolTrader: FOMO gate (strictly above holds)',
});

/** The forecast horizon PQVolTrader trades on (and the console's P/Q spread shows). */
export const PQ_FORECAST_HORIZON = setting({
  variable: 'PQ_FORECAST_HORIZON',
  reader: TEXT,
  schema: z.string().min(1).default('24h'),
  meaning: 'PQVolTrader: only forecasts of exactly this horizon are used',
});

/** The hedgers' delta threshold, coins. */
export const DELTA_THRESHOLD = setting({
  variable: 'DELTA_THRESHOLD',
  reader: NUMBER,
  schema: positive.default(0.05),
  meaning: 'DeltaHedger: hedge when |delta| ≥ this, coins; risk alerts at twice it',
});

/** Hedge instrument template; `{BASE}` is the underlying's base coin. */
export const DELTA_HEDGE_INSTRUMENT = setting({
  variable: 'DELTA_HEDGE_INSTRUMENT',
  reader: TEXT,
  schema: z.string().min(1).default('{BASE}/USDT:USDT'),
  meaning: 'DeltaHedger: hedge instrument, `{BASE}` = the base coin',
});

/** The simulator's sentiment port; unset: `PORT` + 1, or any free port when `PORT` is 0. */
export const SIM_SENTIMENT_PORT = setting({
  variable: 'SIM_SENTIMENT_PORT',
  reader: NUMBER,
  schema: z.number().int().min(0).max(65_535).nullable().default(null),
  // PORT 0 (any free port) must not put the sentiment server on port 1
  whenUnset: (source: EnvSource) => {
    const port = valueOf(PORT, source);
    return port === undefined || port === 0 ? 0 : port + 1;
  },
  defaultText: '`PORT` + 1',
  meaning: 'market simulator: port of the sentiment HTTP server (0 = any free port)',
});

const HEDGER_THRESHOLD_RE = /^STRATEGY_DELTA_HEDGER_([A-Z0-9]+)_DELTA_THRESHOLD$/;

/**
 * Per base coin delta thresholds of the hedgers (`STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD`), which
 * the risk service alerts on and the console marks; a value that is not a positive number is a problem.
 */
export function hedgerThresholdsByBase(source: EnvSource): {
  value: Record<string, number>;
  problems: ConfigProblem[];
} {
  const value: Record<string, number> = {};
  const problems: ConfigProblem[] = [];
  for (const [variable, text] of Object.entries(source)) {
    const base = HEDGER_THRESHOLD_RE.exec(variable)?.[1];
    if (base === undefined || text === undefined) continue;
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n) || n <= 0)
      problems.push({ variable, message: `not a positive number: "${text}"` });
    else value[base] = n;
  }
  return { value, problems };
}

/** A section whose schema also has `deltaThresholdByBase`, fed by the per-hedger threshold variables. */
export const withHedgerThresholds = <TSchema extends z.ZodType>(
  spec: SectionSpec<TSchema>,
): ConfigSection<z.output<TSchema>> => ({
  settings: Object.values(spec.bindings),
  read: (source) => {
    const thresholds = hedgerThresholdsByBase(source);
    const reading = readSection(spec, source, { deltaThresholdByBase: thresholds.value });
    return withProblems(reading, thresholds.problems);
  },
});

/** Greek limits of the projected book per underlying: the engine checks them, the console draws them. */
export const RISK_MAX_ABS_DELTA = setting({
  variable: 'RISK_MAX_ABS_DELTA',
  reader: COIN_QUANTITIES,
  schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 2, ETH: 20 }),
  meaning: 'largest |delta| of the projected book per underlying, coins (`delta_limit`)',
});

export const RISK_MAX_ABS_GAMMA = setting({
  variable: 'RISK_MAX_ABS_GAMMA',
  reader: COIN_QUANTITIES,
  // A 5% move of spot (BTC ~100 000, ETH ~3 000) shifts delta by at most the delta limit: 2 / 5 000, 20 / 150
  schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 0.0004, ETH: 0.13 }),
  meaning: 'largest |gamma| of the projected book per underlying, delta per 1 USD (`gamma_limit`)',
});

export const RISK_MAX_ABS_VEGA_USD = setting({
  variable: 'RISK_MAX_ABS_VEGA_USD',
  reader: COIN_QUANTITIES,
  schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 5000, ETH: 2000 }),
  meaning: 'largest |vega| of the projected book per underlying, USD per vol point (`vega_limit`)',
});

export const RISK_MAX_SHORT_THETA_USD = setting({
  variable: 'RISK_MAX_SHORT_THETA_USD',
  reader: COIN_QUANTITIES,
  // Half the vega limit: a one-month book at the vega limit pays about its vega in theta a day
  schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 2500, ETH: 1000 }),
  meaning: 'largest short theta (−theta) of the projected book per underlying, USD a day (`theta_limit`)',
});

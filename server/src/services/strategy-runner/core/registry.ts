import { baseCoinOf, hedgeInstrumentFor } from '@gamma/shared';
import { prettifyError } from 'zod';
import type { z } from 'zod';
import type { Env } from '../../../config/env.ts';
import type { StrategyInstanceConfig, StrategyType } from '../config.ts';
import {
  DeltaHedgerConfigSchema,
  GridConfigSchema,
  PqVolTraderConfigSchema,
  S1ConfigSchema,
  STRATEGY_TYPES,
} from '../config.ts';
import { DeltaHedger } from './delta-hedger.ts';
import { Grid } from './grid.ts';
import { PqVolTrader } from './pq-vol-trader.ts';
import { S1 } from './s1.ts';
import type { IdGenerator, Strategy } from './strategy.ts';

type ValueKind = 'number' | 'string' | 'list';

/** Override key (SPEC names, plus the env-variable suffix as an alias) → config field and value kind. */
const OVERRIDE_KEYS: Record<StrategyType, Record<string, [field: string, kind: ValueKind]>> = {
  pq_vol_trader: {
    vol_threshold: ['volThreshold', 'number'],
    forecast_horizon: ['forecastHorizon', 'string'],
    max_position_size: ['maxPositionSize', 'number'],
    intent_base_size: ['intentBaseSize', 'number'],
    max_fomo_score: ['maxFomoScore', 'number'],
    signal_cooldown: ['signalCooldownS', 'number'],
    signal_cooldown_s: ['signalCooldownS', 'number'],
    max_intraday_return: ['maxIntradayReturn', 'number'],
    structure: ['structure', 'string'],
    hold_regimes: ['holdRegimes', 'list'],
    stale_after: ['staleAfterS', 'number'],
    stale_after_s: ['staleAfterS', 'number'],
  },
  delta_hedger: {
    hedge_instrument: ['hedgeInstrument', 'string'],
    delta_threshold: ['deltaThreshold', 'number'],
    threshold: ['deltaThreshold', 'number'],
    rebalance_interval: ['rebalanceIntervalS', 'number'],
    rebalance_interval_s: ['rebalanceIntervalS', 'number'],
    hedge_lot: ['hedgeLot', 'number'],
  },
  s1: {
    lookback: ['lookback', 'number'],
    sell_target_pct: ['sellTargetPct', 'number'],
    buy_target_pct: ['buyTargetPct', 'number'],
    daily_update_interval: ['dailyUpdateIntervalH', 'number'],
    daily_update_interval_h: ['dailyUpdateIntervalH', 'number'],
    safety_margin: ['safetyMargin', 'number'],
    min_amount: ['minAmount', 'number'],
    min_notional: ['minNotional', 'number'],
    amount_precision: ['amountPrecision', 'number'],
  },
  grid: {
    base_price: ['basePrice', 'number'],
    grid_size: ['gridSizePct', 'number'],
    size_pct: ['gridSizePct', 'number'],
    flip_threshold_factor: ['flipThresholdFactor', 'number'],
    min_trade_interval: ['minTradeIntervalS', 'number'],
    min_trade_interval_s: ['minTradeIntervalS', 'number'],
    order_fraction: ['orderFraction', 'number'],
  },
};

const SCHEMAS = {
  pq_vol_trader: PqVolTraderConfigSchema,
  delta_hedger: DeltaHedgerConfigSchema,
  grid: GridConfigSchema,
  s1: S1ConfigSchema,
} satisfies Record<StrategyType, z.ZodObject>;

/** The instance id of a strategy type on a symbol: type + base coin, lowercase (`pq_vol_trader_btc`). */
export const instanceIdOf = (type: StrategyType, symbol: string): string =>
  `${type}_${baseCoinOf(symbol).toLowerCase()}`;

function baseConfig(type: StrategyType, symbol: string, env: Env): Record<string, unknown> {
  switch (type) {
    case 'pq_vol_trader':
      return {
        underlying: symbol,
        volThreshold: env.PQ_VOL_THRESHOLD,
        forecastHorizon: env.PQ_FORECAST_HORIZON,
        maxPositionSize: env.PQ_MAX_POSITION_SIZE,
        intentBaseSize: env.PQ_INTENT_BASE_SIZE,
        maxFomoScore: env.PQ_MAX_FOMO_SCORE,
        signalCooldownS: env.PQ_SIGNAL_COOLDOWN_S,
        maxIntradayReturn: env.PQ_MAX_INTRADAY_RETURN,
        structure: env.PQ_STRUCTURE,
        holdRegimes: env.PQ_HOLD_REGIMES,
        staleAfterS: env.PQ_STALE_AFTER_S,
      };
    case 'delta_hedger':
      return {
        underlying: symbol,
        hedgeInstrument: hedgeInstrumentFor(env.DELTA_HEDGE_INSTRUMENT, symbol),
        deltaThreshold: env.DELTA_THRESHOLD,
        rebalanceIntervalS: env.DELTA_REBALANCE_INTERVAL_S,
        hedgeLot: env.DELTA_HEDGE_LOT,
      };
    case 'grid':
      return {
        symbol,
        basePrice: env.GRID_BASE_PRICE,
        gridSizePct: env.GRID_SIZE_PCT,
        flipThresholdFactor: env.GRID_FLIP_THRESHOLD_FACTOR,
        minTradeIntervalS: env.GRID_MIN_TRADE_INTERVAL_S,
        orderFraction: env.GRID_ORDER_FRACTION,
      };
    case 's1':
      return {
        symbol,
        lookback: env.S1_LOOKBACK,
        sellTargetPct: env.S1_SELL_TARGET_PCT,
        buyTargetPct: env.S1_BUY_TARGET_PCT,
        dailyUpdateIntervalH: env.S1_DAILY_UPDATE_INTERVAL_H,
        safetyMargin: env.S1_SAFETY_MARGIN,
      };
  }
}

function parseEntry(entry: string): { type: StrategyType; symbol: string } {
  const colon = entry.indexOf(':');
  const type = colon < 0 ? entry : entry.slice(0, colon).trim();
  const symbol = colon < 0 ? '' : entry.slice(colon + 1).trim();
  if (!(STRATEGY_TYPES as readonly string[]).includes(type))
    throw new Error(
      `STRATEGIES: "${entry}": unknown strategy type "${type}" (known: ${STRATEGY_TYPES.join(', ')})`,
    );
  if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol))
    throw new Error(`STRATEGIES: "${entry}": expected <type>:<BASE/QUOTE>, e.g. pq_vol_trader:BTC/USDT`);
  return { type: type as StrategyType, symbol };
}

function parseValue(variable: string, raw: string, kind: ValueKind): unknown {
  const text = raw.trim();
  if (kind === 'list')
    return text
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  if (kind === 'string') return text;
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new Error(`${variable}: "${raw}" is not a number`);
  return n;
}

function applyOverride(
  instance: { type: StrategyType; id: string; raw: Record<string, unknown> },
  variable: string,
  value: string,
): void {
  const key = variable.slice(`STRATEGY_${instance.id.toUpperCase()}_`.length).toLowerCase();
  const known = OVERRIDE_KEYS[instance.type];
  const target = known[key];
  if (!target)
    throw new Error(
      `${variable}: unknown setting "${key}" for ${instance.id} (known: ${Object.keys(known).join(', ')})`,
    );
  const [field, kind] = target;
  const parsed = parseValue(variable, value, kind);
  const fieldSchema = SCHEMAS[instance.type].shape[field as keyof (typeof SCHEMAS)[StrategyType]['shape']];
  const check = (fieldSchema as z.ZodType).safeParse(parsed);
  if (!check.success)
    throw new Error(`${variable}: invalid value "${value}": ${check.error.issues[0]?.message ?? 'invalid'}`);
  instance.raw[field] = parsed;
}

function validated<TSchema extends z.ZodType>(id: string, schema: TSchema, raw: unknown): z.output<TSchema> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid configuration of ${id}:\n${prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The instances configured by `STRATEGIES` plus `STRATEGY_<ID>_<KEY>` overrides, and unmatched overrides. */
export interface StrategyRegistry {
  instances: StrategyInstanceConfig[];
  /** Override variables that name no configured instance (ignored; the shell warns) */
  unmatchedOverrides: string[];
}

/**
 * Resolves the strategy instances from the environment (SPEC §4, §11). Throws an Error naming the
 * variable on an unknown strategy type, a duplicate instance, an unknown override key or a bad value.
 */
export function resolveStrategies(env: Env): StrategyRegistry {
  const pending: { type: StrategyType; id: string; raw: Record<string, unknown> }[] = [];
  for (const entry of env.STRATEGIES) {
    const { type, symbol } = parseEntry(entry);
    const id = instanceIdOf(type, symbol);
    if (pending.some((p) => p.id === id)) throw new Error(`STRATEGIES: duplicate instance ${id}`);
    pending.push({ type, id, raw: baseConfig(type, symbol, env) });
  }
  const unmatchedOverrides: string[] = [];
  for (const [variable, value] of Object.entries(env.strategyOverrides)) {
    const owners = pending
      .filter((p) => variable.startsWith(`STRATEGY_${p.id.toUpperCase()}_`))
      .sort((a, b) => b.id.length - a.id.length);
    const owner = owners[0];
    if (owner) applyOverride(owner, variable, value);
    else unmatchedOverrides.push(variable);
  }
  const instances = pending.map((p): StrategyInstanceConfig => {
    switch (p.type) {
      case 'pq_vol_trader':
        return { type: p.type, id: p.id, config: validated(p.id, PqVolTraderConfigSchema, p.raw) };
      case 'delta_hedger':
        return { type: p.type, id: p.id, config: validated(p.id, DeltaHedgerConfigSchema, p.raw) };
      case 'grid':
        return { type: p.type, id: p.id, config: validated(p.id, GridConfigSchema, p.raw) };
      case 's1':
        return { type: p.type, id: p.id, config: validated(p.id, S1ConfigSchema, p.raw) };
    }
  });
  return { instances, unmatchedOverrides };
}

/** Builds the strategy objects of the resolved instances. */
export function createStrategies(instances: StrategyInstanceConfig[], newId: IdGenerator): Strategy[] {
  return instances.map((instance): Strategy => {
    switch (instance.type) {
      case 'pq_vol_trader':
        return new PqVolTrader(instance.id, instance.config, newId);
      case 'delta_hedger':
        return new DeltaHedger(instance.id, instance.config, newId);
      case 'grid':
        return new Grid(instance.id, instance.config);
      case 's1':
        return new S1(instance.id, instance.config, newId);
    }
  });
}

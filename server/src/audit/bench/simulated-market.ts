import { FORECAST_HORIZONS, type StreamInput } from '@gamma/shared';
import type { AppConfig } from '../../config/app-config.ts';
import { marketParams, underlyingParams } from '../../services/market-simulator/config.ts';
import {
  advanceUnderlying,
  initUnderlying,
  surfaceOf,
  ticksOf,
  type UnderlyingParams,
  type UnderlyingState,
} from '../../services/market-simulator/core/underlying-state.ts';
import type { Emit } from './stream-ids.ts';

/** How often each market stream is published at a configuration's defaults. */
export interface MarketRates {
  underlyings: readonly string[];
  tickMs: number;
  surfaceMs: number;
  riskMs: number;
  forecastMs: number;
  macroMs: number;
}

export const marketRatesOf = (config: AppConfig): MarketRates => ({
  underlyings: config.marketSimulator.underlyings,
  tickMs: config.marketSimulator.tickIntervalMs,
  surfaceMs: config.marketSimulator.surfaceIntervalS * 1000,
  riskMs: config.riskService.portfolioRiskIntervalMs,
  forecastMs: config.volForecaster.intervalS * 1000,
  macroMs: config.riskService.macroIntervalS * 1000,
});

const due = (ms: number, startMs: number, everyMs: number): boolean => (ms - startMs) % everyMs === 0;

/** A portfolio risk report of one underlying as the risk service writes it (a small long-gamma book). */
function riskOf(underlying: string, spot: number, iso: string): StreamInput<'portfolio.risk'> {
  const delta = 0.02 * Math.sin(spot);
  return {
    total_delta: delta,
    total_gamma: 0.00004,
    total_vega: 41.7,
    total_theta: -35.2,
    total_rho: 3.1,
    position_ratio: 0.31,
    leverage: 0.62,
    underlying,
    timestamp: iso,
    metadata: {
      total_value: 100_000 + spot / 1000,
      position_value: 31_000,
      gross_notional: 62_000,
      cash: 69_000,
      peak_value: 101_250,
      drawdown_pct: 0.012,
      num_positions: 4,
      delta_usd: delta * spot,
      net_delta: delta,
      unpriced: [],
      greeks_by_expiry: { '2026-03-06': { delta, gamma: 0.00004, vega: 41.7, theta: -35.2 } },
    },
  };
}

/**
 * The market side of a simulated day, from the market simulator's own core (the same ticks and
 * surfaces it publishes) at the configuration's rates, plus the risk service's per-underlying
 * `portfolio.risk`, the forecaster's three horizons and the macro state. One call per clock step.
 */
export class SimulatedMarket {
  private readonly params: UnderlyingParams[];
  private readonly states: UnderlyingState[];

  constructor(
    private readonly config: AppConfig,
    private readonly rates: MarketRates,
    private readonly startMs: number,
  ) {
    this.params = rates.underlyings.map((u) => underlyingParams(config.marketSimulator, u));
    this.states = this.params.map((p) => initUnderlying(p, config.marketSimulator.seed, startMs));
  }

  /** The greatest common step of the rates, so every publication falls on a step. */
  get stepMs(): number {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const r = this.rates;
    return [r.surfaceMs, r.riskMs, r.forecastMs, r.macroMs].reduce(gcd, r.tickMs);
  }

  /** Emits everything published at `ms`. */
  step(ms: number, emit: Emit): void {
    const iso = new Date(ms).toISOString();
    const market = marketParams(this.config.marketSimulator);
    const r = this.rates;
    this.params.forEach((p, i) => {
      const state = advanceUnderlying(this.states[i] as UnderlyingState, p, ms);
      this.states[i] = state;
      if (due(ms, this.startMs, r.tickMs)) for (const t of ticksOf(state, p, market)) emit('market.tick', t);
      if (due(ms, this.startMs, r.surfaceMs)) emit('market.vol_surface', surfaceOf(state, p, market));
      if (due(ms, this.startMs, r.riskMs)) emit('portfolio.risk', riskOf(p.underlying, state.path.spot, iso));
      if (due(ms, this.startMs, r.forecastMs))
        for (const horizon of FORECAST_HORIZONS)
          emit('strategy.forecast.volatility', {
            underlying: p.underlying,
            forecast_horizon: horizon,
            predicted_volatility: Math.sqrt(state.path.variance),
            confidence: 0.8,
            model_version: 'garch11-mle/1',
            features_used: ['log_returns_5s', 'range_vol_parkinson'],
            timestamp: iso,
          });
    });
    if (due(ms, this.startMs, r.macroMs))
      emit('market.macro_state', {
        symbol: null,
        macro_regime: 'chop',
        regime_score: 0.42,
        sentiment_score: 0.1,
        fomo_score: 0.3,
        realized_vol: 0.5,
        funding_rate: 0.0001,
        onchain_activity: null,
        timestamp: iso,
      });
  }

  /** The spot of an underlying now (for the trading side's prices). */
  spotOf(underlying: string): number {
    const i = this.rates.underlyings.indexOf(underlying);
    return this.states[i]?.path.spot ?? 100;
  }

  /** A `portfolio.risk` of every underlying (the risk service publishes one after each fill). */
  riskAfterFill(ms: number, emit: Emit): void {
    const iso = new Date(ms).toISOString();
    this.params.forEach((p, i) =>
      emit('portfolio.risk', riskOf(p.underlying, this.states[i]?.path.spot ?? 100, iso)),
    );
  }
}

import {
  createIntentDecision,
  createMacroState,
  createMarketTick,
  createOrderFill,
  createPortfolioRisk,
  createPositionUpdate,
  createStrategyIntent,
  createVolForecast,
  createVolSurface,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/app-config.ts';
import { createStrategies } from './registry.ts';
import type { Strategy } from './strategy.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const stamp = (ms: number) => new Date(ms).toISOString();
const ENV = {
  STRATEGIES: 'pq_vol_trader:BTC/USDT,delta_hedger:BTC/USDT,grid:BTC/USDT,s1:BTC/USDT',
  S1_LOOKBACK: '2',
};

function fresh(): Strategy[] {
  let n = 0;
  return createStrategies(loadConfig(ENV).strategyRunner.instances, () => `id-${++n}`);
}

/** Drives every instance through ticks over three days, a trade, fills, decisions and positions. */
function drive(strategies: Strategy[]): void {
  for (let i = 0; i < 72; i += 1) {
    const ms = NOW + i * 3_600_000;
    const price = 100_000 + ((i * 7919) % 5000) - 2500;
    for (const s of strategies) {
      s.handleTick?.(createMarketTick({ symbol: 'BTC/USDT', price, timestamp: stamp(ms) }), ms);
      s.handleTick?.(createMarketTick({ symbol: 'BTC/USDT:USDT', price, timestamp: stamp(ms) }), ms);
      s.handlePortfolioRisk?.(
        createPortfolioRisk({ total_delta: 0.5, metadata: { total_value: 100_000 } }),
        ms,
      );
    }
  }
  const ms = NOW + 72 * 3_600_000;
  for (const s of strategies) {
    s.handleMacroState?.(createMacroState({ fomo_score: 0.2, macro_regime: 'neutral' }), ms);
    s.handleSurface?.(createVolSurface({ atm_iv: 0.6, timestamp: stamp(ms) }), ms);
    s.handleForecast?.(createVolForecast({ predicted_volatility: 0.8, timestamp: stamp(ms) }), ms);
    s.handlePositionUpdate?.(
      createPositionUpdate({ strategy_id: s.id, symbol: 'BTC-20260327-100000-C', quantity: 1 }),
      ms,
    );
    s.observeFill?.(
      createOrderFill({ intent_id: 'x-1', symbol: 'BTC-20260327-100000-C', client_order_id: 'x-1-0' }),
      ms,
    );
    s.restoreIntent?.(
      createStrategyIntent({
        strategy_id: s.id,
        intent_id: `r-${s.id}`,
        action: 'buy',
        timestamp: stamp(ms),
      }),
    );
    s.handleDecision?.(createIntentDecision({ strategy_id: s.id, intent_id: 'id-1', status: 'vetoed' }), ms);
  }
}

describe('the strategies’ saved state', () => {
  it('restores every instance to the same state, after a JSON round trip', () => {
    const before = fresh();
    drive(before);
    expect(before.map((s) => s.snapshot())).toEqual([
      expect.objectContaining({
        p_vol: 0.6,
        q_vol: 0.8,
        current_position: 0.5,
        in_flight: expect.any(Array),
      }),
      expect.objectContaining({ partial_structures: ['x-1'], last_delta: 0.5 }),
      expect.objectContaining({ base_price: expect.any(Number), equity: 100_000 }),
      expect.objectContaining({ completed_days: 2, in_flight: ['r-s1_btc'] }),
    ]);
    const after = fresh();
    for (const [i, s] of after.entries()) {
      const saved: unknown = JSON.parse(JSON.stringify(before[i]?.saveState?.()));
      expect(s.loadState?.(saved)).toBe(true);
    }
    expect(after.map((s) => s.saveState?.())).toEqual(before.map((s) => s.saveState?.()));
    expect(after.map((s) => s.snapshot())).toEqual(before.map((s) => s.snapshot()));
  });

  it('refuses a state that does not parse and keeps its own', () => {
    for (const s of fresh()) {
      const own = s.saveState?.();
      expect(s.loadState?.({ inFlight: 'nope' })).toBe(false);
      expect(s.saveState?.()).toEqual(own);
    }
  });
});

import {
  createMarketTick,
  createPortfolioRisk,
  createVolForecast,
  createVolSurface,
} from '@gamma/shared/testing';
import type { StreamName } from '@gamma/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock, iso } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createStrategies } from './core/registry.ts';
import { StrategyRunner } from './strategy-runner.ts';

describe('StrategyRunner', () => {
  let clock: FakeClock;
  let bus: InMemoryBus;
  let runner: StrategyRunner;

  const start = async (vars: Record<string, string> = {}) => {
    let n = 0;
    const strategies = createStrategies(loadConfig(vars).strategyRunner.instances, () => `intent-${++n}`);
    runner = new StrategyRunner({ bus, clock, log: silentLogger, strategies });
    await runner.start();
  };

  beforeEach(() => {
    clock = new FakeClock();
    bus = new InMemoryBus({ clock, deliverTwice: true });
  });

  const INPUTS: StreamName[] = [
    'market.tick',
    'market.vol_surface',
    'strategy.forecast.volatility',
    'market.macro_state',
    'market.daily_history',
    'portfolio.risk',
    'order.fill',
    'position.update',
    'intent.decision',
  ];
  // The runner follows its inputs (tails), which drain() does not wait for: wait until it has handled all
  const settled = () =>
    vi.waitFor(async () => {
      const followed = runner.followed();
      for (const name of INPUTS) {
        const newest = (await bus.latest(name, 1))[0]?.id;
        if (newest !== undefined) expect(followed[name]).toBe(newest);
      }
    });

  afterEach(async () => {
    await runner.close();
    await bus.close();
  });

  describe('when a surface and a forecast with Q − P = 0.07 arrive', () => {
    it('publishes one buy_straddle intent of pq_vol_trader_btc, even with every entry delivered twice', async () => {
      await start();
      await bus.publish('market.tick', createMarketTick({ price: 100_250, timestamp: iso(clock.now()) }));
      await bus.publish(
        'market.vol_surface',
        createVolSurface({ atm_iv: 0.65, timestamp: iso(clock.now()) }),
      );
      await bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ predicted_volatility: 0.72, timestamp: iso(clock.now()) }),
      );
      await settled();
      const trades = bus.published('strategy.intent').filter((i) => i.action !== 'hold');
      expect(trades).toHaveLength(1);
      expect(trades[0]).toMatchObject({
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        intent_type: 'increase_long_gamma',
        action: 'buy_straddle',
        quantity: 0.1,
        metadata: { reference_price: 100_250 },
      });
    });
  });

  describe('when the portfolio delta of BTC breaches the threshold', () => {
    it('publishes a hedge, holds the next one while in flight, and hedges again after a veto', async () => {
      await start();
      await bus.publish('market.tick', createMarketTick({ symbol: 'BTC/USDT:USDT', price: 100_030 }));
      await bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ total_delta: 0.08, timestamp: iso(clock.now()) }),
      );
      await settled();
      const hedges = () => bus.published('strategy.intent').filter((i) => i.action === 'delta_hedge');
      expect(hedges()).toHaveLength(1);
      expect(hedges()[0]).toMatchObject({
        strategy_id: 'delta_hedger_btc',
        symbol: 'BTC/USDT:USDT',
        direction: 'sell',
        quantity: 0.055,
      });

      clock.advance(90_000);
      await bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ total_delta: 0.08, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(hedges()).toHaveLength(1);

      const first = hedges()[0];
      if (!first) throw new Error('no hedge');
      await bus.publish('intent.decision', {
        decision_id: `${first.intent_id}:vetoed`,
        intent_id: first.intent_id,
        strategy_id: first.strategy_id,
        symbol: first.symbol,
        action: first.action,
        status: 'vetoed',
        decided_by: 'risk_service',
        approval_mode: 'manual',
        timestamp: iso(clock.now()),
      });
      await bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ total_delta: 0.08, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(hedges()).toHaveLength(2);
    });
  });

  describe('when the grid symbol reverses from above the upper band', () => {
    it('publishes a sell signal on strategy.signal', async () => {
      await start({ GRID_BASE_PRICE: '100000' });
      for (const price of [102_000, 103_000, 102_000]) {
        clock.advance(1000);
        await bus.publish('market.tick', createMarketTick({ price, timestamp: iso(clock.now()) }));
        await settled();
      }
      expect(bus.published('strategy.signal')).toEqual([
        expect.objectContaining({ strategy_id: 'grid_btc', signal_type: 'sell', target_price: 102_000 }),
      ]);
    });
  });

  describe('at start-up', () => {
    it('restores current_position from earlier position updates', async () => {
      for (const symbol of ['BTC-20261225-100000-C', 'BTC-20261225-100000-P'])
        await bus.publish('position.update', {
          strategy_id: 'pq_vol_trader_btc',
          symbol,
          quantity: 1,
          avg_price: 5_000,
          timestamp: iso(clock.now()),
        });
      await start();
      await bus.publish(
        'market.vol_surface',
        createVolSurface({ atm_iv: 0.65, timestamp: iso(clock.now()) }),
      );
      await bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ predicted_volatility: 0.72, timestamp: iso(clock.now()) }),
      );
      await settled();
      const btc = bus.published('strategy.intent').filter((i) => i.strategy_id === 'pq_vol_trader_btc');
      expect(btc.map((i) => i.reason)).toEqual(['position_limit_reached']);
    });

    it('restores the cooldown from its own earlier trade intent', async () => {
      await bus.publish('strategy.intent', {
        intent_id: 'earlier',
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        intent_type: 'increase_long_gamma',
        action: 'buy_straddle',
        direction: 'buy',
        quantity: 0.1,
        timestamp: iso(clock.now() - 600_000),
      });
      await start();
      await bus.publish(
        'market.vol_surface',
        createVolSurface({ atm_iv: 0.65, timestamp: iso(clock.now()) }),
      );
      await bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ predicted_volatility: 0.72, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(bus.published('strategy.intent').map((i) => i.intent_id)).toEqual(['earlier']);
    });

    it('does not let a half-filled structure older than 30 s hold the hedger back', async () => {
      await bus.publish('order.fill', {
        strategy_id: 'pq_vol_trader_btc',
        order_id: 'paper-old-0',
        symbol: 'BTC-20261225-100000-C',
        side: 'sell',
        quantity: 0.1,
        price: 5_000,
        intent_id: 'old',
        client_order_id: 'old-0',
        timestamp: iso(clock.now() - 60_000),
      });
      await start();
      await bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ total_delta: -0.08, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(bus.published('strategy.intent').filter((i) => i.action === 'delta_hedge')).toHaveLength(1);
    });

    it('restores the grid base from its last fill', async () => {
      await bus.publish('order.fill', {
        strategy_id: 'grid_btc',
        order_id: 'paper-x-0',
        symbol: 'BTC/USDT',
        side: 'buy',
        quantity: 0.1,
        price: 98_000,
        timestamp: iso(clock.now()),
      });
      await start();
      expect(runner.snapshot().grid_btc).toMatchObject({ base_price: 98_000 });
    });
  });

  describe('dispatch', () => {
    it('sends an ETH surface and forecast only to pq_vol_trader_eth', async () => {
      await start();
      await bus.publish(
        'market.vol_surface',
        createVolSurface({ underlying: 'ETH/USDT', atm_iv: 0.7, timestamp: iso(clock.now()) }),
      );
      await bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ underlying: 'ETH/USDT', predicted_volatility: 0.6, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(bus.published('strategy.intent').map((i) => [i.strategy_id, i.action])).toEqual([
        ['pq_vol_trader_eth', 'sell_straddle'],
      ]);
    });

    it("also shows the DeltaHedger other strategies' option legs: no hedge of a half-filled straddle", async () => {
      await start();
      const hedges = () => bus.published('strategy.intent').filter((i) => i.action === 'delta_hedge');
      const leg = (n: number, symbol: string) => ({
        strategy_id: 'pq_vol_trader_btc',
        order_id: `paper-straddle-1-${n}`,
        symbol,
        side: 'sell' as const,
        quantity: 0.1,
        price: 5_000,
        intent_id: 'straddle-1',
        client_order_id: `straddle-1-${n}`,
        timestamp: iso(clock.now()),
      });
      const riskOf = (delta: number) =>
        bus.publish(
          'portfolio.risk',
          createPortfolioRisk({ total_delta: delta, timestamp: iso(clock.now()) }),
        );

      await bus.publish('order.fill', leg(0, 'BTC-20261225-100000-C'));
      await riskOf(-0.052);
      await settled();
      expect(hedges()).toEqual([]);
      expect(runner.snapshot().delta_hedger_btc).toMatchObject({ partial_structures: ['straddle-1'] });

      await bus.publish('order.fill', leg(1, 'BTC-20261225-100000-P'));
      await riskOf(-0.08);
      await settled();
      expect(hedges()).toEqual([expect.objectContaining({ direction: 'buy', quantity: 0.055 })]);
    });

    it('releases the DeltaHedger on an execution_rejected decision of another strategy', async () => {
      await start();
      await bus.publish('order.fill', {
        strategy_id: 'pq_vol_trader_btc',
        order_id: 'paper-straddle-2-0',
        symbol: 'BTC-20261225-100000-C',
        side: 'sell',
        quantity: 0.1,
        price: 5_000,
        intent_id: 'straddle-2',
        client_order_id: 'straddle-2-0',
        timestamp: iso(clock.now()),
      });
      await bus.publish('intent.decision', {
        decision_id: 'straddle-2:execution_rejected',
        intent_id: 'straddle-2',
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        action: 'sell_straddle',
        status: 'execution_rejected',
        decided_by: 'execution_engine',
        approval_mode: 'manual',
        timestamp: iso(clock.now()),
      });
      await bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ total_delta: -0.08, timestamp: iso(clock.now()) }),
      );
      await settled();
      expect(bus.published('strategy.intent').filter((i) => i.action === 'delta_hedge')).toHaveLength(1);
    });
  });
});

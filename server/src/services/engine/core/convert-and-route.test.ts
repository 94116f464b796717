import { createStrategyIntent } from '@gamma/shared/testing';
import type { StrategySignalEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { convertSignal } from './convert-signal.ts';
import { buildExecutionCommand, buildOrderCommand } from './routing.ts';

const signal = (over: Partial<StrategySignalEvent> = {}): StrategySignalEvent => ({
  strategy_id: 'grid_btc',
  signal_type: 'buy',
  symbol: 'BTC/USDT',
  confidence: 0.8,
  target_price: 99_000,
  stop_loss: 95_000,
  take_profit: 105_000,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: { quantity: 0.02, reason: 'grid_buy' },
  ...over,
});

const opts = { defaultQuantity: 0.1, strategyPosition: 0 };

describe('convertSignal', () => {
  it('builds the intent of SPEC §5.2', () => {
    expect(convertSignal(signal(), '1772442904120-0', opts)).toEqual({
      intent_id: 'sig-1772442904120-0',
      strategy_id: 'grid_btc',
      symbol: 'BTC/USDT',
      intent_type: 'legacy_signal',
      action: 'buy',
      direction: 'buy',
      quantity: 0.02,
      confidence: 0.8,
      reason: 'grid_buy',
      timestamp: '2026-03-02T09:15:04.120Z',
      metadata: {
        quantity: 0.02,
        reason: 'grid_buy',
        source: 'strategy.signal',
        source_entry_id: '1772442904120-0',
        limit_price: 99_000,
        reference_price: 99_000,
        stop_loss: 95_000,
        take_profit: 105_000,
      },
    });
  });

  it('uses the default quantity and reason when the metadata has none', () => {
    const converted = convertSignal(signal({ metadata: { quantity: 0 } }), '1-0', opts);
    expect(converted).toMatchObject({ quantity: 0.1, reason: 'legacy_signal' });
  });

  it('derives the close side from the position and ignores holds', () => {
    expect(
      convertSignal(signal({ signal_type: 'close' }), '1-0', { ...opts, strategyPosition: 0.3 }),
    ).toMatchObject({
      action: 'close',
      direction: 'sell',
    });
    expect(convertSignal(signal({ signal_type: 'close' }), '1-0', opts)).toMatchObject({ direction: null });
    expect(convertSignal(signal({ signal_type: 'hold' }), '1-0', opts)).toBeNull();
  });
});

describe('routing', () => {
  const trade = {
    action: 'buy' as const,
    direction: 'buy' as const,
    quantity: 0.02,
    route: 'order' as const,
  };

  it('makes buy/sell a limit order at metadata.limit_price, else market', () => {
    const limited = createStrategyIntent({
      intent_id: 'i',
      action: 'buy',
      metadata: { limit_price: 99_000 },
    });
    expect(buildOrderCommand(limited, trade, { approvedBy: 'auto', nowMs: 0 })).toMatchObject({
      order_type: 'limit',
      price: 99_000,
      client_order_id: 'i-0',
      intent_id: 'i',
      command: 'create',
      order_id: null,
      metadata: {
        limit_price: 99_000,
        intent_id: 'i',
        intent_type: 'increase_long_gamma',
        approved_by: 'auto',
        approval_mode: 'auto',
      },
    });
    expect(buildOrderCommand(limited, trade, { approvedBy: 'carol', nowMs: 0 }).metadata).toMatchObject({
      approved_by: 'carol',
      approval_mode: 'manual',
    });
    const market = createStrategyIntent({ intent_id: 'j', action: 'buy' });
    expect(buildOrderCommand(market, trade, { approvedBy: 'auto', nowMs: 0 })).toMatchObject({
      order_type: 'market',
      price: null,
    });
  });

  it('sends delta hedges at market even with a limit price', () => {
    const hedge = createStrategyIntent({ action: 'delta_hedge', metadata: { limit_price: 1 } });
    expect(
      buildOrderCommand(hedge, { ...trade, action: 'delta_hedge' }, { approvedBy: 'auto', nowMs: 0 }),
    ).toMatchObject({
      order_type: 'market',
      price: null,
    });
  });

  it('carries approved_by and the intent fields into the execution command', () => {
    const i = createStrategyIntent({ intent_id: 'x', metadata: { p_vol: 0.6 } });
    expect(
      buildExecutionCommand(
        i,
        { action: 'buy_straddle', direction: 'buy', quantity: 0.1, route: 'execution' },
        { approvedBy: 'auto', nowMs: 0 },
      ),
    ).toMatchObject({
      intent_id: 'x',
      action: 'buy_straddle',
      approved_by: 'auto',
      metadata: {
        p_vol: 0.6,
        intent_type: 'increase_long_gamma',
        reason: 'market_underpricing_volatility',
        confidence: 0.7,
      },
    });
  });
});

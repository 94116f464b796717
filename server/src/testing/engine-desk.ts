import type { StreamInput, StreamName } from '@gamma/shared';
import { createStrategyIntent, createTestSurface } from '@gamma/shared/testing';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemoryStores } from '../stores/stores.ts';
import { EngineService } from '../services/engine/engine-service.ts';

/** The instant the engine tests run at (the test surface's). */
export const TEST_NOW = '2026-03-02T09:15:04.120Z';
/** The BTC hedge instrument. */
export const BTC_PERP = 'BTC/USDT:USDT';

/** A tick at one price (bid = ask = last). */
export const tickAt = (symbol: string, price: number): StreamInput<'market.tick'> => ({
  symbol,
  price,
  volume: 0,
  bid: price,
  ask: price,
  timestamp: TEST_NOW,
  metadata: {},
});

/**
 * The `order.fill` of a holding, as the paper exchange publishes it before its position update: the risk
 * book's held quantity comes from the fills.
 */
export const fillOf = (strategyId: string, symbol: string, quantity: number): StreamInput<'order.fill'> => ({
  strategy_id: strategyId,
  order_id: `paper-${strategyId}-${symbol}-${quantity}`,
  symbol,
  side: quantity >= 0 ? 'buy' : 'sell',
  quantity: Math.abs(quantity),
  price: 100_000,
  fee: 0,
  intent_id: null,
  client_order_id: `${strategyId}-${symbol}-${quantity}`,
  timestamp: TEST_NOW,
  metadata: {},
});

/** A DeltaHedger intent on the BTC perpetual, as the hedger publishes it. */
export const hedgeIntent = (
  direction: 'buy' | 'sell',
  quantity: number,
  over: Partial<StreamInput<'strategy.intent'>> = {},
): StreamInput<'strategy.intent'> =>
  createStrategyIntent({
    strategy_id: 'delta_hedger_btc',
    symbol: BTC_PERP,
    intent_type: 'delta_hedge',
    action: 'delta_hedge',
    direction,
    quantity,
    confidence: 1,
    reason: 'maintain_delta_neutral',
    timestamp: TEST_NOW,
    metadata: { strategy_type: 'delta_hedger', underlying: 'BTC/USDT' },
    ...over,
  });

/** A spot intent of the grid. */
export const spotIntentOf = (
  over: Partial<StreamInput<'strategy.intent'>> = {},
): StreamInput<'strategy.intent'> =>
  createStrategyIntent({
    strategy_id: 'grid_btc',
    intent_type: 'legacy_signal',
    action: 'buy',
    direction: 'buy',
    quantity: 0.05,
    timestamp: TEST_NOW,
    ...over,
  });

/**
 * One engine on an in-memory bus and stores at {@link TEST_NOW}, without timers, with a BTC surface and
 * BTC spot and perpetual ticks at 100 000; `publish` publishes and waits until every handler is done.
 */
export async function startTestEngine(
  env: Record<string, string> = {},
  /** Another engine's desk: this engine joins its bus, stores and clock (several engine processes) */
  join?: { bus: InMemoryBus; stores: ReturnType<typeof createMemoryStores>; clock: FakeClock },
) {
  const clock = join?.clock ?? new FakeClock(Date.parse(TEST_NOW));
  const bus = join?.bus ?? new InMemoryBus({ clock });
  const stores = join?.stores ?? createMemoryStores(bus);
  const engine = new EngineService(
    // Test intents repeat within seconds on purpose: the duplicate window is off unless a test sets it
    { bus, clock, config: loadConfig({ RISK_DUPLICATE_WINDOW_S: '0', ...env }), log: silentLogger, stores },
    { timers: false },
  );
  await engine.start();
  const publish = async <T extends StreamName>(name: T, message: StreamInput<T>) => {
    await bus.publish(name, message);
    await bus.drain();
  };
  if (!join) {
    await publish('market.vol_surface', createTestSurface());
    await publish('market.tick', tickAt('BTC/USDT', 100_000));
    await publish('market.tick', tickAt(BTC_PERP, 100_000));
  }
  const close = async () => {
    await engine.close();
    if (!join) await bus.close();
  };
  return { bus, engine, stores, clock, publish, close };
}

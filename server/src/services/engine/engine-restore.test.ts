import type { StreamInput } from '@gamma/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemorySnapshotStore } from '../../stores/snapshots/memory-snapshot-store.ts';
import { createMemoryStores } from '../../stores/stores.ts';
import { EngineService } from './engine-service.ts';
import { ENGINE_SNAPSHOT_FORMAT } from './engine-state.ts';

const position = (symbol: string, quantity: number): StreamInput<'position.update'> => ({
  strategy_id: 'grid_btc',
  symbol,
  quantity,
  avg_price: 100,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: { account_quantity: quantity },
});

const bus = new InMemoryBus();
const snapshots = createMemorySnapshotStore();
const stores = { ...createMemoryStores(bus), snapshots };
const engines: EngineService[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

async function startEngine(log = silentLogger): Promise<EngineService> {
  const engine = new EngineService(
    { bus, stores, clock: new FakeClock(), config: loadConfig({ SNAPSHOT_INTERVAL_S: '0' }), log },
    { timers: false },
  );
  engines.push(engine);
  await engine.start();
  return engine;
}

describe('EngineService restore', () => {
  it('saves its positions on close and restores them plus the updates published after', async () => {
    await bus.publish('position.update', position('BTC/USDT', 1));
    const first = await startEngine();
    await bus.publish('position.update', position('ETH/USDT', 2));
    await vi.waitFor(() =>
      expect(first.stateView().portfolio.accountPositions).toHaveProperty('ETH/USDT', 2),
    );
    await first.close();
    const saved = await snapshots.load('engine', ENGINE_SNAPSHOT_FORMAT);
    expect(saved.status === 'ok' && saved.snapshot.state.accountPositions).toEqual({
      'BTC/USDT': 1,
      'ETH/USDT': 2,
    });
    const last = await bus.publish('position.update', position('BTC/USDT', -3));
    const second = await startEngine();
    expect(second.stateView().portfolio.accountPositions).toEqual({ 'BTC/USDT': -3, 'ETH/USDT': 2 });
    await second.close();
    const again = await snapshots.load('engine', ENGINE_SNAPSHOT_FORMAT);
    expect(again.status === 'ok' && again.snapshot.covers).toEqual({ 'position.update': last });
  });

  it('rebuilds from the whole stream when its snapshot is rejected, and says so', async () => {
    snapshots.writeRaw('engine', JSON.stringify({ schema: 0, covers: {}, takenAtMs: 0, state: {} }));
    const warn = vi.fn();
    const engine = await startEngine({ ...silentLogger, warn });
    expect(engine.stateView().portfolio.accountPositions).toEqual({ 'BTC/USDT': -3, 'ETH/USDT': 2 });
    expect(warn).toHaveBeenCalledWith('snapshot rejected; rebuilding from the whole stream', {
      owner: 'engine',
      reason: `schema version 0, this build reads ${ENGINE_SNAPSHOT_FORMAT.schema}`,
    });
  });
});

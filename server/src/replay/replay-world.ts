import type { StreamInput, StreamName } from '@gamma/shared';
import type { Bus } from '../bus/bus.ts';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import type { AppConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/index.ts';
import { createStrategies, StrategyRunner } from '../services/strategy-runner/index.ts';
import { createMemoryStores, type Stores } from '../stores/stores.ts';
import type { IntentMatcher } from './intent-matcher.ts';

/** Called with every message the replayed engine, strategies or approval store publish. */
export type PublishListener = <TName extends StreamName>(name: TName, message: StreamInput<TName>) => void;

/** The replayed engine and strategy runner on an in-memory bus and stores, under one replay clock. */
export interface ReplayWorld {
  clock: FakeClock;
  bus: Bus;
  stores: Stores;
  engine: EngineService;
  runner: StrategyRunner;
  close(): Promise<void>;
}

/** The in-memory bus, telling `listener` of each message once it is appended (so it passed its schema). */
function observedBus(inner: InMemoryBus, listener: PublishListener): Bus {
  return {
    prefix: inner.prefix,
    publish: async (name, message) => {
      const id = await inner.publish(name, message);
      listener(name, message);
      return id;
    },
    // eslint-disable-next-line max-params -- the Bus interface fixes this signature
    subscribe: (name, group, handler, options) => inner.subscribe(name, group, handler, options),
    tail: (name, options) => inner.tail(name, options),
    latest: (name, count) => inner.latest(name, count),
    close: () => inner.close(),
  };
}

/**
 * Builds the engine and the strategy runner as `main.ts` does, but never starts them: the replay driver
 * hands them each recorded entry itself (no consumer groups, no tails, no warm-up, no sweep timer), so the
 * order of inputs is the record's. Strategy instances take their intent ids from `matcher`.
 */
export function buildReplayWorld(input: {
  config: AppConfig;
  log: Logger;
  matcher: (clock: FakeClock) => IntentMatcher;
  listener: PublishListener;
}): ReplayWorld & { matcher: IntentMatcher } {
  const clock = new FakeClock(0);
  const inner = new InMemoryBus({ clock, prefix: 'replay' });
  const bus = observedBus(inner, input.listener);
  const stores = createMemoryStores(bus);
  const matcher = input.matcher(clock);
  const deps = { bus, stores, clock, log: input.log, config: input.config };
  const engine = new EngineService(deps, { timers: false });
  const strategies = input.config.strategyRunner.instances.flatMap((instance) =>
    createStrategies([instance], matcher.intentIds(instance.id)),
  );
  const runner = new StrategyRunner({ bus, clock, log: input.log, strategies });
  return { clock, bus, stores, engine, runner, matcher, close: () => inner.close() };
}

import type { StreamMessage, StreamName } from '@gamma/shared';
import type { Bus, Subscription } from '../../bus/bus.ts';
import { compareEntryIds } from '../../bus/entry-id.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { createMemorySnapshotStore } from '../../stores/snapshots/memory-snapshot-store.ts';
import type { SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import type { Service } from '../service.ts';
import { PeriodicSnapshots } from '../snapshotting.ts';
import type { Strategy, StrategyOutput } from './core/strategy.ts';
import { followStream } from '../follow-stream.ts';
import {
  instanceSnapshotOwner,
  REPLAYED_STREAMS,
  restoreRunner,
  runnerSnapshot,
  type ReplayedStream,
  type Watermarks,
} from './runner-restore.ts';

/** The lease group of the runner's instances (it reads every stream without a consumer group). */
export const STRATEGY_RUNNER_GROUP = 'strategy-runner';

/** The inputs whose newest entry is all that matters (not replayed at a restore: see `REPLAYED_STREAMS`). */
const LATEST_WINS = [
  'market.tick',
  'market.vol_surface',
  'strategy.forecast.volatility',
  'portfolio.risk',
] as const satisfies readonly StreamName[];

/** What the runner shell needs. */
export interface StrategyRunnerDeps {
  bus: Bus;
  clock: Clock;
  log: Logger;
  strategies: Strategy[];
  /** Where the instances' state survives restarts (default: in memory, for tests) */
  snapshots?: SnapshotStore;
  /** How often the state is saved, ms (0 = only on close) */
  snapshotIntervalMs?: number;
}

/**
 * The strategy runner (SPEC §4): hosts the strategy instances, dispatches each message to the
 * instances that handle it, and publishes what they return on `strategy.intent` / `strategy.signal`.
 */
export class StrategyRunner implements Service {
  readonly name = 'strategy-runner';
  private readonly byId: Map<string, Strategy>;
  private subscriptions: Subscription[] = [];
  private readonly snapshotStore: SnapshotStore;
  /** One snapshot per instance, so an instance can move to another process with its state */
  private readonly snapshots: PeriodicSnapshots[];
  private readonly closing = new AbortController();
  /** Per input stream, the newest entry handled (tests, monitoring) */
  private readonly followedIds: Partial<Record<StreamName, string>> = {};
  /** Per replayed stream, the newest entry applied; null until restored (no snapshot before that) */
  private marks: Watermarks | null = null;

  constructor(private readonly deps: StrategyRunnerDeps) {
    this.byId = new Map(deps.strategies.map((s) => [s.id, s]));
    this.snapshotStore = deps.snapshots ?? createMemorySnapshotStore();
    this.snapshots = deps.strategies.map(
      (s) =>
        new PeriodicSnapshots(
          { snapshots: this.snapshotStore, log: deps.log },
          instanceSnapshotOwner(s.id),
          () => (this.marks === null ? null : runnerSnapshot([s], this.marks, deps.clock.now())),
        ),
    );
  }

  /**
   * Restores the instances (snapshot, then the booked streams after it), then follows the nine input
   * streams without a group (the process hosting an instance must see every entry: README, "Scaling"):
   * the replayed ones from their watermark, market data from now; an entry at or before its watermark is skipped.
   */
  async start(): Promise<void> {
    await this.restore();
    const { bus, log } = this.deps;
    const marks = this.marks ?? {};
    // Market data from the newest entry now, the replayed streams from their watermark
    const starts: Partial<Record<StreamName, string>> = { ...marks };
    for (const name of LATEST_WINS) starts[name] = (await bus.latest(name, 1))[0]?.id ?? '0-0';
    for (const [name, id] of Object.entries(starts))
      if (id !== '0-0') this.followedIds[name as StreamName] = id;
    const on = <TName extends StreamName>(
      name: TName,
      handler: (message: StreamMessage<TName>) => Promise<void>,
    ): Subscription => {
      const handle = async (m: StreamMessage<TName>, e: { id: string }) => {
        await handler(m);
        this.followedIds[name] = e.id;
      };
      const after = starts[name] ?? null;
      if (!(REPLAYED_STREAMS as readonly StreamName[]).includes(name))
        return followStream(bus, name, { log, after, handle });
      const stream = name as ReplayedStream;
      return followStream(bus, name, {
        log,
        after,
        handle: async (m, e) => {
          const marks = this.marks;
          if (marks === null || compareEntryIds(e.id, marks[stream]) <= 0) return;
          const handled = handle(m, e);
          marks[stream] = e.id;
          await handled;
        },
      });
    };
    this.subscriptions = [
      on('market.tick', (m) => this.handleTick(m)),
      on('market.vol_surface', (m) => this.handleSurface(m)),
      on('strategy.forecast.volatility', (m) => this.handleForecast(m)),
      on('market.macro_state', (m) => this.handleMacroState(m)),
      on('market.daily_history', (m) => this.handleDailyHistory(m)),
      on('portfolio.risk', (m) => this.handlePortfolioRisk(m)),
      on('order.fill', (m) => this.handleFill(m)),
      on('position.update', (m) => this.handlePositionUpdate(m)),
      on('intent.decision', (m) => this.handleDecision(m)),
    ];
    for (const snapshots of this.snapshots) snapshots.start(this.deps.snapshotIntervalMs ?? 0);
    this.deps.log.info('strategy runner started', { instances: [...this.byId.keys()] });
  }

  /** Stops reading, then saves a last snapshot of the instances. */
  async close(): Promise<void> {
    this.closing.abort();
    const subs = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subs.map((s) => s.close()));
    await Promise.all(this.snapshots.map((s) => s.close()));
  }

  /** Per input stream, the newest entry this runner has handled. */
  followed(): Partial<Record<StreamName, string>> {
    return { ...this.followedIds };
  }

  /** Ticks go to the instances trading that symbol. */
  handleTick(tick: StreamMessage<'market.tick'>): Promise<void> {
    const now = this.deps.clock.now();
    return this.emit(
      this.deps.strategies
        .filter((s) => s.wantsTick(tick.symbol))
        .flatMap((s) => s.handleTick?.(tick, now) ?? []),
    );
  }

  /** Surfaces go to every instance that handles them. */
  handleSurface(surface: StreamMessage<'market.vol_surface'>): Promise<void> {
    return this.broadcast((s, now) => s.handleSurface?.(surface, now));
  }

  /** Forecasts go to every instance that handles them. */
  handleForecast(forecast: StreamMessage<'strategy.forecast.volatility'>): Promise<void> {
    return this.broadcast((s, now) => s.handleForecast?.(forecast, now));
  }

  /** Macro states go to every instance that handles them. */
  handleMacroState(macro: StreamMessage<'market.macro_state'>): Promise<void> {
    return this.broadcast((s, now) => s.handleMacroState?.(macro, now));
  }

  /** Daily histories go to every instance that handles them (S1 keeps its symbol's bars). */
  handleDailyHistory(history: StreamMessage<'market.daily_history'>): Promise<void> {
    return this.broadcast((s, now) => s.handleDailyHistory?.(history, now));
  }

  /** Portfolio risk goes to every instance that handles it. */
  handlePortfolioRisk(risk: StreamMessage<'portfolio.risk'>): Promise<void> {
    return this.broadcast((s, now) => s.handlePortfolioRisk?.(risk, now));
  }

  /**
   * Fills go to the instance named by `strategy_id`; every instance observing fills (the DeltaHedger,
   * for half-filled option structures of its underlying) also sees it, read-only.
   */
  handleFill(fill: StreamMessage<'order.fill'>): Promise<void> {
    const now = this.deps.clock.now();
    for (const s of this.deps.strategies) s.observeFill?.(fill, now);
    return this.emit(this.byId.get(fill.strategy_id)?.handleFill?.(fill, now) ?? []);
  }

  /** Position updates go to the instance named by `strategy_id`. */
  handlePositionUpdate(update: StreamMessage<'position.update'>): Promise<void> {
    const strategy = this.byId.get(update.strategy_id);
    return this.emit(strategy?.handlePositionUpdate?.(update, this.deps.clock.now()) ?? []);
  }

  /**
   * Decisions go to the instance that emitted the intent; every instance observing decisions (the
   * DeltaHedger, for `execution_rejected` structures) also sees it, read-only.
   */
  handleDecision(decision: StreamMessage<'intent.decision'>): Promise<void> {
    const now = this.deps.clock.now();
    for (const s of this.deps.strategies) s.observeDecision?.(decision, now);
    const strategy = this.byId.get(decision.strategy_id);
    return this.emit(strategy?.handleDecision?.(decision, now) ?? []);
  }

  /** The whole saved state of every instance, by id (what the durable snapshot keeps). */
  instanceStates(): Record<string, unknown> {
    return Object.fromEntries(this.deps.strategies.map((s) => [s.id, s.saveState?.() ?? null]));
  }

  /** Snapshots of every instance, by id. */
  snapshot(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(this.deps.strategies.map((s) => [s.id, s.snapshot()]));
  }

  /** Hands a message to every instance (`handle` calls its handler, if it has one) and publishes the outputs. */
  private broadcast(handle: (s: Strategy, now: number) => StrategyOutput[] | undefined): Promise<void> {
    const now = this.deps.clock.now();
    return this.emit(this.deps.strategies.flatMap((s) => handle(s, now) ?? []));
  }

  private async emit(outputs: StrategyOutput[]): Promise<void> {
    for (const output of outputs) {
      try {
        const entryId =
          output.stream === 'strategy.intent'
            ? await this.deps.bus.publish('strategy.intent', output.message)
            : await this.deps.bus.publish('strategy.signal', output.message);
        // Its own intent is in the instance's state already: a restore must not replay it again.
        if (output.stream === 'strategy.intent' && this.marks) this.marks['strategy.intent'] = entryId;
        this.deps.log.info(`published ${output.stream}`, { entry_id: entryId, ...summary(output) });
      } catch (error) {
        this.deps.log.error(`failed to publish ${output.stream}`, {
          error: String(error),
          ...summary(output),
        });
        throw error;
      }
    }
  }

  // The instances from their snapshot plus the booked streams after it (docs/architecture.md, "Restore").
  private async restore(): Promise<void> {
    const { deps } = this;
    const startedMs = performance.now();
    const { marks, replayed } = await restoreRunner({
      bus: deps.bus,
      snapshots: this.snapshotStore,
      clock: deps.clock,
      log: deps.log,
      signal: this.closing.signal,
      strategies: deps.strategies,
    });
    this.marks = marks;
    deps.log.info('strategy instances restored', {
      entries_replayed: replayed,
      ms: Math.round(performance.now() - startedMs),
    });
  }
}

function summary(output: StrategyOutput): Record<string, unknown> {
  if (output.stream === 'strategy.signal') {
    const m = output.message;
    return { strategy_id: m.strategy_id, signal_type: m.signal_type, symbol: m.symbol };
  }
  const m = output.message;
  return { strategy_id: m.strategy_id, intent_id: m.intent_id, action: m.action, reason: m.reason };
}

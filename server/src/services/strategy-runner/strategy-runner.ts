import type { StreamMessage, StreamName } from '@gamma/shared';
import type { Bus, Subscription } from '../../bus/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Service } from '../service.ts';
import type { Strategy, StrategyOutput } from './core/strategy.ts';
import { msOf } from './core/strategy.ts';

/** The consumer group of the runner on every stream it reads. */
export const STRATEGY_RUNNER_GROUP = 'strategy-runner';

/** How much history the runner replays at start-up to restore positions, macro state and cooldowns. */
const WARM_UP = { positions: 1000, macro: 1, intents: 500, fills: 200 } as const;

/** What the runner shell needs. */
export interface StrategyRunnerDeps {
  bus: Bus;
  clock: Clock;
  log: Logger;
  strategies: Strategy[];
}

/**
 * The strategy runner (SPEC §4): hosts the strategy instances, dispatches each message to the
 * instances that handle it, and publishes what they return on `strategy.intent` / `strategy.signal`.
 */
export class StrategyRunner implements Service {
  readonly name = 'strategy-runner';
  private readonly byId: Map<string, Strategy>;
  private subscriptions: Subscription[] = [];

  constructor(private readonly deps: StrategyRunnerDeps) {
    this.byId = new Map(deps.strategies.map((s) => [s.id, s]));
  }

  /** Restores state from recent history, then subscribes to the eight input streams. */
  async start(): Promise<void> {
    await this.warmUp();
    const on = <TName extends StreamName>(
      name: TName,
      handle: (message: StreamMessage<TName>) => Promise<void>,
    ): Subscription => this.deps.bus.subscribe(name, STRATEGY_RUNNER_GROUP, (m) => handle(m));
    this.subscriptions = [
      on('market.tick', (m) => this.handleTick(m)),
      on('market.vol_surface', (m) => this.handleSurface(m)),
      on('strategy.forecast.volatility', (m) => this.handleForecast(m)),
      on('market.macro_state', (m) => this.handleMacroState(m)),
      on('portfolio.risk', (m) => this.handlePortfolioRisk(m)),
      on('order.fill', (m) => this.handleFill(m)),
      on('position.update', (m) => this.handlePositionUpdate(m)),
      on('intent.decision', (m) => this.handleDecision(m)),
    ];
    this.deps.log.info('strategy runner started', { instances: [...this.byId.keys()] });
  }

  async close(): Promise<void> {
    const subs = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subs.map((s) => s.close()));
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

  /**
   * Replays recent positions, the latest macro state, recent fills and this runner's own intents, so
   * a restart keeps `current_position`, the FOMO gate, the grid's base and the cooldowns. Outputs are
   * discarded.
   */
  private async warmUp(): Promise<void> {
    const { bus } = this.deps;
    const [positions, macro, intents, fills] = await Promise.all([
      bus.latest('position.update', WARM_UP.positions),
      bus.latest('market.macro_state', WARM_UP.macro),
      bus.latest('strategy.intent', WARM_UP.intents),
      bus.latest('order.fill', WARM_UP.fills),
    ]);
    const now = this.deps.clock.now();
    for (const entry of positions.reverse())
      this.byId.get(entry.message.strategy_id)?.handlePositionUpdate?.(entry.message, now);
    for (const entry of macro) for (const s of this.deps.strategies) s.handleMacroState?.(entry.message, now);
    for (const entry of intents.reverse())
      this.byId.get(entry.message.strategy_id)?.restoreIntent?.(entry.message);
    for (const entry of fills.reverse()) {
      // Observed at their own time (not "now"), so an old half-filled structure does not hold hedging back.
      const filledAt = msOf(entry.message.timestamp);
      const at = Number.isFinite(filledAt) ? Math.min(now, filledAt) : now;
      for (const s of this.deps.strategies) s.observeFill?.(entry.message, at);
      this.byId.get(entry.message.strategy_id)?.handleFill?.(entry.message, now);
    }
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

import type { ExecutionCommandEvent, MarketTickEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import { underlyingOf } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import { INTENT_MEMORY_TTL_S } from '../../stores/once/once-marks.ts';
import { followStream } from '../follow-stream.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { planExecution, type ExecutionConfig, type ExecutionPlan } from './core/plan-execution.ts';

/** Consumer group of option execution. */
export const OPTION_EXECUTION_GROUP = 'option-execution';

const positive = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Option execution (SPEC §7): turns each approved option intent's `execution.command` into one limit
 * `order.command` per leg, or one `execution_rejected` decision; a repeated intent_id has no effect.
 */
export class OptionExecutionService implements Service {
  readonly name = 'option-execution';
  private readonly config: ExecutionConfig;
  private readonly surfaces = new Map<string, VolatilitySurfaceEvent>();
  private readonly spots = new Map<string, number>();
  private readonly subs: Subscription[] = [];

  constructor(private readonly deps: ServiceDeps) {
    this.config = deps.config.optionExecution;
  }

  async start(): Promise<void> {
    const { bus, log } = this.deps;
    const [surfaces, ticks] = await Promise.all([
      bus.latest('market.vol_surface', 20),
      bus.latest('market.tick', 200),
    ]);
    for (const e of [...surfaces].reverse()) this.handleSurface(e.message);
    for (const e of [...ticks].reverse()) this.handleTick(e.message);
    // Market data is followed by every process from the newest entry read (README, "Scaling"); commands
    // are work, each handled by one process of the group
    this.subs.push(
      followStream(bus, 'market.vol_surface', {
        log,
        after: surfaces[0]?.id ?? '0-0',
        handle: (m) => this.handleSurface(m),
      }),
      followStream(bus, 'market.tick', {
        log,
        after: ticks[0]?.id ?? '0-0',
        handle: (m) => this.handleTick(m),
      }),
      bus.subscribe('execution.command', OPTION_EXECUTION_GROUP, (m) => this.handleCommand(m)),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.subs.splice(0).map((s) => s.close()));
  }

  /** The latest surface of an underlying this process has seen, null when none. */
  surface(underlying: string): VolatilitySurfaceEvent | null {
    return this.surfaces.get(underlying) ?? null;
  }

  /** The latest spot (tick mid) of a symbol this process has seen, null when none. */
  spot(symbol: string): number | null {
    return this.spots.get(symbol) ?? null;
  }

  handleSurface(surface: VolatilitySurfaceEvent): void {
    this.surfaces.set(surface.underlying, surface);
  }

  handleTick(tick: MarketTickEvent): void {
    const mid = positive(tick.bid) && positive(tick.ask) ? (tick.bid + tick.ask) / 2 : tick.price;
    if (positive(mid)) this.spots.set(tick.symbol, mid);
  }

  /**
   * Validates every leg, then publishes all orders, or one `execution_rejected`; once per intent_id. Two
   * steps, each atomic: the plan is recorded (the first recorded plan wins), then its orders are appended
   * with their done-mark in one step. A redelivery after a kill acts on the recorded plan, so a structure
   * gets all its legs or none, and never both legs and a rejection.
   */
  async handleCommand(command: ExecutionCommandEvent): Promise<void> {
    const { once } = this.deps.stores;
    const recorded = await once.record('exec', command.intent_id, {
      outcome: JSON.stringify(this.plan(command)),
      ttlS: INTENT_MEMORY_TTL_S,
    });
    const plan = JSON.parse(recorded.outcome) as ExecutionPlan;
    const ttlS = INTENT_MEMORY_TTL_S;
    if (plan.ok) {
      const done = await once.append({
        stream: 'order.command',
        scope: 'exec',
        key: command.intent_id,
        messages: plan.orders,
        ttlS,
      });
      if (!done.first)
        this.deps.log.info('repeated execution command ignored', { intent_id: command.intent_id });
      return;
    }
    // One execution_rejected per intent, whichever service rejects it (SPEC §3.3)
    const done = await once.append({
      stream: 'intent.decision',
      scope: 'decision',
      key: `${command.intent_id}:execution_rejected`,
      messages: [plan.decision],
      ttlS,
    });
    if (done.first)
      this.deps.log.warn('execution rejected', {
        intent_id: command.intent_id,
        code: plan.decision.reason_codes?.[0],
        reason: plan.decision.reason,
      });
  }

  private plan(command: ExecutionCommandEvent): ExecutionPlan {
    const underlying = underlyingOf(command.symbol);
    return planExecution(command, {
      surface: this.surfaces.get(underlying) ?? null,
      spot: this.spots.get(underlying) ?? null,
      nowMs: this.deps.clock.now(),
      config: this.config,
    });
  }
}

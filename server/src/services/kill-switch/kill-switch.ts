import { iso } from '../../lib/clock.ts';
import type { DayStartStore } from '../../stores/day-start/day-start-store.ts';
import { streamsInfo } from '../../read-model/stream-monitor.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { KillSwitchConfigSchema, type KillSwitchConfig, type KillSwitchConfigInput } from './config.ts';
import {
  countLastMinute,
  strictestTrip,
  tightens,
  tripsOf,
  utcDay,
  type KillLimits,
  type KillMeasures,
  type Trip,
} from './core/trips.ts';

/** Who the kill switch's changes are recorded as. */
export const KILL_SWITCH_USER = 'kill_switch';

/** The equity at the start of each UTC day, shared with the engine's `daily_loss` (first offer wins). */
export type DayStarts = Pick<DayStartStore, 'claim'>;

/** Options for tests and embedding. */
export interface KillSwitchOptions {
  /** Overrides of the config read from the environment */
  config?: Partial<KillSwitchConfigInput>;
  /** Where the start-of-day equity is kept; null: no daily loss trip */
  dayStarts?: DayStarts | null;
}

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * The kill switch (issue 9 item 3): every `RISK_KILL_CHECK_INTERVAL_S` it measures the drawdown from the peak
 * equity and the day's loss (from the newest `portfolio.risk`), the dead letters of the last minute and the
 * oldest unacked entry of every consumer group, and moves the global trading state to the strictest state a
 * measure beyond its limit calls for (`changed_by: kill_switch`, the reason names the measure and value). It
 * only ever tightens: leaving REDUCING or HALTED is a person's decision, and while a measure stays beyond its
 * limit a resume is tripped again at the next check. It holds no state of its own, so any number of processes
 * may run it (the store's set is decided against the state it changes).
 */
export class KillSwitchService implements Service {
  readonly name = 'kill-switch';
  private readonly config: KillSwitchConfig;
  private readonly dayStarts: DayStarts | null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private checking: Promise<unknown> | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    options: KillSwitchOptions = {},
  ) {
    this.config = KillSwitchConfigSchema.parse({ ...deps.config.killSwitch, ...options.config });
    this.dayStarts = options.dayStarts ?? null;
  }

  async start(): Promise<void> {
    // A trading-state change whose process died before its event reached the stream is published now
    await this.deps.stores.tradingStates
      .publishPending()
      .catch((error: unknown) => this.fail('trading-state outbox', error));
    if (!this.config.timers) return;
    const run = () => {
      this.checking ??= this.check()
        .catch((error: unknown) => this.fail('kill switch check', error))
        .finally(() => {
          this.checking = null;
        });
    };
    this.timer = setInterval(run, this.config.checkIntervalS * 1000);
    run();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** One check: the trip applied (null when none was needed or the state was already as strict). */
  async check(): Promise<Trip | null> {
    const { clock, log, stores } = this.deps;
    const measures = await this.measure();
    const trip = strictestTrip(tripsOf(measures, this.limits()));
    if (trip === null) return null;
    const result = await stores.tradingStates.set(
      {
        scope: 'global',
        key: null,
        state: trip.state,
        reason: trip.reason,
        changedBy: KILL_SWITCH_USER,
        at: iso(clock.now()),
      },
      { when: (current) => tightens(trip, current) },
    );
    if (!result.changed) return null;
    log.warn('kill switch tripped', {
      measure: trip.measure,
      state: trip.state,
      previous: result.event.previous,
      value: trip.value,
      limit: trip.limit,
    });
    return trip;
  }

  /** What the trips are decided on, read now. */
  async measure(): Promise<KillMeasures> {
    const { bus, clock } = this.deps;
    const nowMs = clock.now();
    const { deadLettersPerMin, lagS } = this.config;
    const [risk] = await bus.latest('portfolio.risk', 1);
    const equity = finite(risk?.message.metadata.total_value);
    const peak = finite(risk?.message.metadata.peak_value);
    const dayStart =
      equity === null || this.dayStarts === null ? null : await this.dayStarts.claim(utcDay(nowMs), equity);
    const deadLetters =
      deadLettersPerMin > 0 ? (await bus.latest('dlq', deadLettersPerMin)).map((e) => e.id) : [];
    const worstLag = lagS > 0 ? await this.worstLag(nowMs) : null;
    return {
      equity,
      peak,
      dayStart,
      deadLettersLastMinute: countLastMinute(deadLetters, nowMs),
      worstLag,
    };
  }

  /** The consumer group (not ignored) whose oldest unacked entry is oldest, as the pipeline card measures it. */
  private async worstLag(nowMs: number): Promise<KillMeasures['worstLag']> {
    const ignored = new Set(this.config.lagIgnoredGroups);
    let worst: KillMeasures['worstLag'] = null;
    for (const stream of await streamsInfo(this.deps.stores.streamStats, { nowMs, deadLetters: [] }))
      for (const group of stream.groups.filter((g) => !ignored.has(g.name)))
        if (worst === null || group.delay_ms / 1000 > worst.lagS)
          worst = { stream: stream.stream, group: group.name, lagS: group.delay_ms / 1000 };
    return worst;
  }

  private limits(): KillLimits {
    const { drawdownPct, dailyLossPct, deadLettersPerMin, lagS } = this.config;
    return { drawdownPct, dailyLossPct, deadLettersPerMin, lagS };
  }

  private fail(what: string, error: unknown): void {
    this.deps.log.error(`${what} failed`, { error: String(error) });
  }
}

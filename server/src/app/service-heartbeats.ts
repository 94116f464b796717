import { hostname } from 'node:os';
import type { Bus } from '../bus/bus.ts';
import { errorText } from '../bus/codec.ts';
import { iso, type Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { HEARTBEAT_INTERVAL_MS, type ServiceBeat } from '../stores/heartbeats/heartbeat-store.ts';
import type { Stores } from '../stores/stores.ts';

/** Beats older than this are forgotten when a process starts (a crashed process's, an old pid's). */
export const HEARTBEAT_FORGET_MS = 60 * 60 * 1000;

/** Yields what `entries` yields and calls `touch` once the reader asks for the next one (it handled the last). */
async function* touching<T>(entries: AsyncIterable<T>, touch: () => void): AsyncGenerator<T> {
  for await (const entry of entries) {
    yield entry;
    touch();
  }
}

/**
 * A bus that calls `touch` after each handled entry (the handler returned, or a tail's reader took the next
 * one: the services that follow streams without a group) and each publish.
 */
export function activityBus(bus: Bus, touch: () => void): Bus {
  return {
    prefix: bus.prefix,
    publish: async (name, message) => {
      const id = await bus.publish(name, message);
      touch();
      return id;
    },
    // eslint-disable-next-line max-params -- the Bus interface fixes this signature
    subscribe: (name, group, handler, options) =>
      bus.subscribe(
        name,
        group,
        async (message, entry) => {
          await handler(message, entry);
          touch();
        },
        options,
      ),
    tail: (name, options) => touching(bus.tail(name, options), touch),
    latest: (name, count) => bus.latest(name, count),
    close: () => bus.close(),
  };
}

interface Tracked {
  service: string;
  startedAt: number | null;
  lastActivity: number | null;
  stoppedAt: number | null;
  /** The beat being written: while Redis is away, the next interval skips instead of queueing another */
  writing: Promise<void> | null;
}

/**
 * The heartbeats of the services one process hosts (`main.ts`): each service gets a bus that records its last
 * activity; once started, its beat `{service, host, pid, started_at, last_beat, last_activity, stopped_at}` is
 * written at once and every `intervalMs` to `stores.heartbeats`, and a last time with `stopped_at` on close.
 * A beat that cannot be written is logged and tried again at the next interval.
 */
export class ServiceHeartbeats {
  private readonly tracked = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | null = null;
  private readonly host: string;
  private readonly pid: number;
  private readonly intervalMs: number;

  constructor(
    private readonly deps: {
      stores: Stores;
      clock: Clock;
      log: Logger;
      host?: string;
      pid?: number;
      intervalMs?: number;
    },
  ) {
    this.host = deps.host ?? hostname();
    this.pid = deps.pid ?? process.pid;
    this.intervalMs = deps.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  }

  /** The bus to give `service`: it records the service's activity. */
  track(service: string, bus: Bus): Bus {
    const tracked: Tracked = {
      service,
      startedAt: null,
      lastActivity: null,
      stoppedAt: null,
      writing: null,
    };
    this.tracked.set(service, tracked);
    return activityBus(bus, () => {
      tracked.lastActivity = this.deps.clock.now();
    });
  }

  /** Marks `service` started: its first beat is written now, then with the others at every interval. */
  async started(service: string): Promise<void> {
    const tracked = this.tracked.get(service);
    if (tracked === undefined) return;
    tracked.startedAt = this.deps.clock.now();
    if (this.timer === null) {
      await this.forgetOld();
      this.timer = setInterval(() => void this.beat({ skipBusy: true }), this.intervalMs);
      this.timer.unref();
    }
    await this.beat();
  }

  /** Writes the beat of every started service now (`skipBusy`: not of one whose last beat is still being written). */
  async beat(options: { skipBusy?: boolean } = {}): Promise<void> {
    await Promise.all(
      [...this.tracked.values()].map(async (tracked) => {
        if (tracked.writing !== null) {
          if (options.skipBusy === true) return;
          await tracked.writing;
        }
        tracked.writing = this.write(tracked).finally(() => {
          tracked.writing = null;
        });
        await tracked.writing;
      }),
    );
  }

  /** Stops beating and writes each started service's last beat, with `stopped_at`. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const now = this.deps.clock.now();
    for (const tracked of this.tracked.values()) tracked.stoppedAt ??= now;
    await this.beat();
  }

  private async write(tracked: Tracked): Promise<void> {
    if (tracked.startedAt === null) return;
    const now = this.deps.clock.now();
    const beat: ServiceBeat = {
      service: tracked.service,
      host: this.host,
      pid: this.pid,
      started_at: iso(tracked.startedAt),
      last_beat: iso(now),
      last_activity: tracked.lastActivity === null ? null : iso(tracked.lastActivity),
      stopped_at: tracked.stoppedAt === null ? null : iso(tracked.stoppedAt),
    };
    try {
      await this.deps.stores.heartbeats.beat(beat);
    } catch (error) {
      this.deps.log.warn('heartbeat not written', { service: tracked.service, error: errorText(error) });
    }
  }

  private async forgetOld(): Promise<void> {
    try {
      await this.deps.stores.heartbeats.prune(this.deps.clock.now() - HEARTBEAT_FORGET_MS);
    } catch (error) {
      this.deps.log.warn('old heartbeats not pruned', { error: errorText(error) });
    }
  }
}

import type { RedisClient } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';

/** How often each service process writes its heartbeat (monitoring calls a service stale after three missed). */
export const HEARTBEAT_INTERVAL_MS = 5000;

/** The last heartbeat of one service in one process. */
export interface ServiceBeat {
  /** The service's name (`engine`, `gateway`, …) */
  service: string;
  host: string;
  pid: number;
  /** When the service started in this process (ISO) */
  started_at: string;
  /** When this heartbeat was written (ISO) */
  last_beat: string;
  /** When the service last handled an entry or published one (ISO); null before its first */
  last_activity: string | null;
  /** When the service stopped (ISO), written by its last heartbeat; null while it runs */
  stopped_at: string | null;
}

/** A beat's field in the heartbeats hash: `<service>@<host>:<pid>`. */
export const instanceOf = (beat: Pick<ServiceBeat, 'service' | 'host' | 'pid'>): string =>
  `${beat.service}@${beat.host}:${beat.pid}`;

/** The services' heartbeats, one per service and process, shared by every process of a desk. */
export interface HeartbeatStore {
  /** Records `beat` as its instance's latest (replacing the one before) */
  beat(beat: ServiceBeat): Promise<void>;
  /** Every instance's latest beat */
  list(): Promise<ServiceBeat[]>;
  /** Forgets instances whose last beat is older than `beforeMs` (epoch ms); how many it forgot */
  prune(beforeMs: number): Promise<number>;
}

/** A stored beat, or null when it does not parse (written by hand, or by another version). */
function parseBeat(raw: string): ServiceBeat | null {
  try {
    const beat = JSON.parse(raw) as Partial<ServiceBeat> | null;
    if (typeof beat?.service !== 'string' || typeof beat.last_beat !== 'string') return null;
    return {
      service: beat.service,
      host: String(beat.host ?? ''),
      pid: Number(beat.pid ?? 0),
      started_at: String(beat.started_at ?? beat.last_beat),
      last_beat: beat.last_beat,
      last_activity: typeof beat.last_activity === 'string' ? beat.last_activity : null,
      stopped_at: typeof beat.stopped_at === 'string' ? beat.stopped_at : null,
    };
  } catch {
    return null;
  }
}

const isOlder = (beat: ServiceBeat | null, beforeMs: number): boolean =>
  beat === null || !(Date.parse(beat.last_beat) >= beforeMs);

/** The heartbeats in the hash `<prefix>:services` (`<service>@<host>:<pid>` → beat JSON). */
export function createRedisHeartbeatStore(redis: RedisClient, prefix: string): HeartbeatStore {
  const key = keyTable(prefix).services();
  return {
    async beat(beat) {
      await redis.hset(key, instanceOf(beat), JSON.stringify(beat));
    },
    async list() {
      const all = await redis.hgetall(key);
      return Object.values(all).flatMap((raw) => parseBeat(raw) ?? []);
    },
    async prune(beforeMs) {
      const all = await redis.hgetall(key);
      const old = Object.entries(all)
        .filter(([, raw]) => isOlder(parseBeat(raw), beforeMs))
        .map(([field]) => field);
      return old.length === 0 ? 0 : redis.hdel(key, ...old);
    },
  };
}

/** The heartbeats in memory (one process without Redis, unit tests). */
export function createMemoryHeartbeatStore(): HeartbeatStore {
  const beats = new Map<string, ServiceBeat>();
  return {
    beat(beat) {
      beats.set(instanceOf(beat), { ...beat });
      return Promise.resolve();
    },
    list() {
      return Promise.resolve([...beats.values()].map((beat) => ({ ...beat })));
    },
    prune(beforeMs) {
      const old = [...beats].filter(([, beat]) => isOlder(beat, beforeMs));
      for (const [instance] of old) beats.delete(instance);
      return Promise.resolve(old.length);
    },
  };
}

import type { RedisClient } from '../bus/redis.ts';
import { readBusCounts } from '../bus/bus-counts.ts';
import { readBusTotals } from '../bus/bus-totals.ts';
import { readStreamStats } from '../bus/redis-stream-info.ts';
import type { StreamCaps } from '../bus/stream-caps.ts';
import { keyTable } from '../keys/key-table.ts';
import { createRedisAlertAckStore } from './alert-acks/alert-ack-store.ts';
import { RedisApprovalStore } from './approvals/redis-approval-store.ts';
import { createRedisDeadLetterStore } from './dead-letters/dead-letter-store.ts';
import { createRedisDayStartStore } from './day-start/day-start-store.ts';
import { createRedisHeartbeatStore } from './heartbeats/heartbeat-store.ts';
import { createRedisLossStreakStore } from './loss-streaks/redis-loss-streak-store.ts';
import { createRedisOrderLedger } from './ledger/redis-order-ledger.ts';
import { createRedisOnceMarks } from './once/redis-once-marks.ts';
import { createRedisLeaseStore } from './leases/lease-store.ts';
import { createRedisPeakStore } from './peaks/peak-store.ts';
import { RedisReservationStore } from './reservations/redis-reservation-store.ts';
import { createRedisLoginFailureStore, createRedisSessionStore } from './sessions/redis-session-store.ts';
import { createRedisSnapshotStore } from './snapshots/redis-snapshot-store.ts';
import { createRedisTradingStateStore } from './trading-state/redis-trading-state-store.ts';
import type { Stores } from './stores.ts';

/** How long a PING may take before Redis counts as down. */
const PING_TIMEOUT_MS = 1000;

/** Whether Redis answers a PING in time (a disconnected client queues commands: don't wait for it). */
async function redisUp(redis: RedisClient): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The stores in Redis, on one client the caller owns (and closes), every key from `keys/key-table.ts`.
 * `maxLen` (and `streamMaxLens`, per stream) bound the streams the approval claim and the once appends write
 * to (as the bus does).
 */
export function createRedisStores(redis: RedisClient, options: { prefix: string } & StreamCaps): Stores {
  const { prefix } = options;
  const keys = keyTable(prefix);
  const once = createRedisOnceMarks(redis, options);
  return {
    approvals: new RedisApprovalStore(redis, options),
    reservations: new RedisReservationStore(redis, prefix),
    once,
    ledger: createRedisOrderLedger(redis, prefix),
    peaks: createRedisPeakStore(redis, prefix),
    dayStarts: createRedisDayStartStore(redis, prefix),
    lossStreaks: createRedisLossStreakStore(redis, prefix),
    snapshots: createRedisSnapshotStore(redis, prefix),
    tradingStates: createRedisTradingStateStore(redis, { prefix, once }),
    sessions: createRedisSessionStore(redis, prefix),
    loginFailures: createRedisLoginFailureStore(redis, prefix),
    deadLetters: createRedisDeadLetterStore(redis, prefix),
    heartbeats: createRedisHeartbeatStore(redis, prefix),
    alertAcks: createRedisAlertAckStore(redis, prefix),
    leases: createRedisLeaseStore(redis, prefix),
    ping: () => redisUp(redis),
    streamStats: (stream) => readStreamStats(redis, keys.stream(stream)),
    busCounts: (minutes) => readBusCounts(redis, prefix, minutes),
    busTotals: () => readBusTotals(redis, prefix),
  };
}

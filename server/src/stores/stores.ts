import type { StreamName } from '@gamma/shared';
import type { Bus } from '../bus/bus.ts';
import type { MinuteCounts } from '../bus/bus-counts.ts';
import type { GroupTotals } from '../bus/bus-totals.ts';
import type { StreamStats } from '../bus/redis-stream-info.ts';
import { createMemoryAlertAckStore, type AlertAckStore } from './alert-acks/alert-ack-store.ts';
import type { ApprovalStore } from './approvals/approval-store.ts';
import { MemoryApprovalStore } from './approvals/memory-approval-store.ts';
import { createMemoryDayStartStore, type DayStartStore } from './day-start/day-start-store.ts';
import { createMemoryDeadLetterStore, type DeadLetterStore } from './dead-letters/dead-letter-store.ts';
import { createMemoryHeartbeatStore, type HeartbeatStore } from './heartbeats/heartbeat-store.ts';
import type { LossStreakStore } from './loss-streaks/loss-streak-store.ts';
import { createMemoryLeaseStore, type LeaseStore } from './leases/lease-store.ts';
import { createMemoryLossStreakStore } from './loss-streaks/memory-loss-streak-store.ts';
import { createMemoryOrderLedger } from './ledger/memory-order-ledger.ts';
import type { OrderLedger } from './ledger/order-ledger.ts';
import { createMemoryOnceMarks } from './once/memory-once-marks.ts';
import type { OnceMarks } from './once/once-marks.ts';
import { createMemoryPeakStore, type PeakStore } from './peaks/peak-store.ts';
import { createMemoryLoginFailureStore, createMemorySessionStore } from './sessions/memory-session-store.ts';
import type { LoginFailureStore, SessionStore } from './sessions/session-store.ts';
import { createMemoryReservationStore } from './reservations/memory-reservation-store.ts';
import type { ReservationStore } from './reservations/reservation-store.ts';
import { createMemorySnapshotStore } from './snapshots/memory-snapshot-store.ts';
import type { SnapshotStore } from './snapshots/snapshot-store.ts';
import { createMemoryTradingStateStore } from './trading-state/memory-trading-state-store.ts';
import type { TradingStateStore } from './trading-state/trading-state-store.ts';

/**
 * Every record family that is not a stream, each behind its own interface (a Redis implementation and an
 * in-memory twin that pass one contract suite), plus what health and monitoring read. Services, routers
 * and read models get these, never a Redis client.
 */
export interface Stores {
  /** Pending approvals and their state machine (engine, approvals router) */
  approvals: ApprovalStore;
  /** Risk reservations of approved, unfilled intents (engine) */
  reservations: ReservationStore;
  /** Effects exactly once: entries appended with their done-mark, recorded step outcomes (every service with an effect) */
  once: OnceMarks;
  /** The paper exchange's order outcomes, booked with its positions */
  ledger: OrderLedger;
  /** The risk service's peak equity */
  peaks: PeakStore;
  /** The equity at the start of each UTC day (engine: `daily_loss`) */
  dayStarts: DayStartStore;
  /** Each strategy's losing closed trades in a row and cooldown (engine: `loss_streak`) */
  lossStreaks: LossStreakStore;
  /** Each stateful service's snapshot and the stream entry ids it covers (restore after a restart) */
  snapshots: SnapshotStore;
  /** The trading state per scope (ACTIVE, REDUCING, HALTED) and its events on `risk.trading_state` */
  tradingStates: TradingStateStore;
  /** Sign-in sessions by id hash (gateway: server/src/auth/) */
  sessions: SessionStore;
  /** Failed sign-ins per user and address per minute (gateway: the login rate limit) */
  loginFailures: LoginFailureStore;
  /** The `dlq` stream's dead letters and how admins handled them (gateway: monitoring) */
  deadLetters: DeadLetterStore;
  /** Each service process's heartbeat and last activity (every process writes; monitoring reads) */
  heartbeats: HeartbeatStore;
  /** Who acknowledged which raise of a risk alert (gateway: the alert board) */
  alertAcks: AlertAckStore;
  /** Partition leases and live members of the services that run as several processes */
  leases: LeaseStore;
  /** Whether the storage answers promptly (health); never throws */
  ping(): Promise<boolean>;
  /** Length, groups and oldest unacked entries of one stream (monitoring) */
  streamStats(stream: StreamName): Promise<StreamStats>;
  /** The bus's handled and failed counters of each epoch minute asked for, per `<stream>|<group>` (monitoring) */
  busCounts(minutes: readonly number[]): Promise<MinuteCounts>;
  /** The bus's totals per stream and group: handled, failed, dead-lettered, handler durations (`/metrics`) */
  busTotals(): Promise<GroupTotals[]>;
}

/**
 * The stores in memory, for unit tests and a single process without Redis: approval claims and once
 * appends publish on `bus`; no stream statistics or bus counters are kept (every stream reads as absent).
 */
export function createMemoryStores(bus: Bus): Stores {
  const once = createMemoryOnceMarks(bus);
  return {
    approvals: new MemoryApprovalStore(bus),
    reservations: createMemoryReservationStore(),
    once,
    ledger: createMemoryOrderLedger(),
    peaks: createMemoryPeakStore(),
    dayStarts: createMemoryDayStartStore(),
    lossStreaks: createMemoryLossStreakStore(),
    snapshots: createMemorySnapshotStore(),
    tradingStates: createMemoryTradingStateStore(once),
    sessions: createMemorySessionStore(),
    loginFailures: createMemoryLoginFailureStore(),
    deadLetters: createMemoryDeadLetterStore(bus),
    heartbeats: createMemoryHeartbeatStore(),
    alertAcks: createMemoryAlertAckStore(),
    leases: createMemoryLeaseStore(),
    ping: () => Promise.resolve(true),
    streamStats: () => Promise.resolve({ exists: false, length: 0, lastEntryId: null, groups: [] }),
    busCounts: (minutes) => Promise.resolve(new Map(minutes.map((minute) => [minute, new Map()]))),
    busTotals: () => Promise.resolve([]),
  };
}

import type { StreamName } from '@gamma/shared';
import { z } from 'zod';
import type { Bus, Entry } from '../../bus/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUntilDone } from '../../lib/retry.ts';
import type { Snapshot, SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import { loadSnapshot, replayMerged, warnOnTrimmed } from '../snapshotting.ts';
import type { Strategy } from './core/strategy.ts';
import { msOf } from './core/strategy.ts';

/** The owner name of the runner's snapshot. */
export const RUNNER_SNAPSHOT_OWNER = 'strategy-runner';

/**
 * The streams whose entries a restore replays after the snapshot: what the instances book (positions,
 * fills, decisions, macro states, daily histories, their own intents). Market data (ticks, surfaces, forecasts, risk) is
 * latest-wins: the snapshot holds the last seen, and replaying it would make the instances decide again.
 */
export const REPLAYED_STREAMS = [
  'position.update',
  'market.macro_state',
  'market.daily_history',
  'strategy.intent',
  'order.fill',
  'intent.decision',
] as const satisfies readonly StreamName[];
export type ReplayedStream = (typeof REPLAYED_STREAMS)[number];
/** Per replayed stream, the newest entry the instances' state covers. */
export type Watermarks = Record<ReplayedStream, string>;

const FORMAT = { schema: 1, state: z.object({ instances: z.record(z.string(), z.unknown()) }) };

/** What the restore needs. */
export interface RunnerRestoreDeps {
  bus: Bus;
  snapshots: SnapshotStore;
  clock: Clock;
  log: Logger;
  signal: AbortSignal;
  strategies: readonly Strategy[];
}

/** Every instance's state and the entries it covers, as a snapshot. */
export function runnerSnapshot(strategies: readonly Strategy[], marks: Watermarks, nowMs: number): Snapshot {
  const instances = Object.fromEntries(strategies.map((s) => [s.id, s.saveState?.() ?? null]));
  return { schema: FORMAT.schema, covers: { ...marks }, takenAtMs: nowMs, state: { instances } };
}

/** Hands one replayed entry to the instances, outputs discarded, at its own time (never after now). */
function replayEntry(strategies: readonly Strategy[], entry: Entry<StreamName>, nowMs: number): void {
  const byId = (id: string) => strategies.find((s) => s.id === id);
  const stamped = msOf((entry.message as { timestamp: string }).timestamp);
  const at = Number.isFinite(stamped) ? Math.min(nowMs, stamped) : nowMs;
  const e = entry as { [K in ReplayedStream]: Entry<K> }[ReplayedStream];
  if (e.stream === 'position.update') byId(e.message.strategy_id)?.handlePositionUpdate?.(e.message, at);
  else if (e.stream === 'market.macro_state') for (const s of strategies) s.handleMacroState?.(e.message, at);
  else if (e.stream === 'market.daily_history')
    for (const s of strategies) s.handleDailyHistory?.(e.message, at);
  else if (e.stream === 'strategy.intent') byId(e.message.strategy_id)?.restoreIntent?.(e.message);
  else if (e.stream === 'order.fill') {
    for (const s of strategies) s.observeFill?.(e.message, at);
    byId(e.message.strategy_id)?.handleFill?.(e.message, at);
  } else {
    for (const s of strategies) s.observeDecision?.(e.message, at);
    byId(e.message.strategy_id)?.handleDecision?.(e.message, at);
  }
}

/**
 * Restores the instances: each from the snapshot (an instance whose saved state does not parse starts
 * fresh, logged), then every entry of {@link REPLAYED_STREAMS} after the snapshot, merged in publication
 * order, up to the newest entry at start (the whole retained streams without a snapshot). Returns the
 * watermarks the live subscriptions start from and how many entries were replayed.
 */
export async function restoreRunner(
  deps: RunnerRestoreDeps,
): Promise<{ marks: Watermarks; replayed: number }> {
  const { bus, log, signal, strategies } = deps;
  const snapshot = await loadSnapshot(deps, RUNNER_SNAPSHOT_OWNER, FORMAT);
  for (const s of strategies) {
    const saved = snapshot?.state.instances[s.id];
    if (saved == null || !s.loadState) continue;
    if (!s.loadState(saved))
      log.warn('instance state in the snapshot rejected; it starts fresh', { instance: s.id });
  }
  const marks = Object.fromEntries(
    REPLAYED_STREAMS.map((name) => [name, snapshot?.covers[name] ?? '0-0']),
  ) as Watermarks;
  await warnOnTrimmed(deps, RUNNER_SNAPSHOT_OWNER, marks);
  const newest = await retryUntilDone(
    () => Promise.all(REPLAYED_STREAMS.map(async (name) => (await bus.latest(name, 1))[0]?.id ?? null)),
    { log, what: 'reading the newest entries', signal },
  );
  const ranges = REPLAYED_STREAMS.map((name, i) => ({ name, after: marks[name], until: newest[i] ?? null }));
  const nowMs = deps.clock.now();
  const replayed = await replayMerged(bus, ranges, {
    signal,
    apply: (entry) => {
      replayEntry(strategies, entry, nowMs);
      marks[entry.stream as ReplayedStream] = entry.id;
    },
  });
  return { marks, replayed };
}

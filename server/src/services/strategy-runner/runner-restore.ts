import type { StreamName } from '@gamma/shared';
import { z } from 'zod';
import type { Bus, Entry } from '../../bus/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUntilDone } from '../../lib/retry.ts';
import type { Snapshot, SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import { compareEntryIds } from '../../bus/entry-id.ts';
import { loadSnapshot, replayMerged, warnOnTrimmed } from '../snapshotting.ts';
import type { Strategy } from './core/strategy.ts';
import { msOf } from './core/strategy.ts';

/** The owner name of the runner's snapshot before instances moved between processes (read as a fallback). */
export const RUNNER_SNAPSHOT_OWNER = 'strategy-runner';
/** The owner name of one instance's snapshot: each is saved by the process hosting it (README, "Scaling"). */
export const instanceSnapshotOwner = (id: string): string => `${RUNNER_SNAPSHOT_OWNER}:${id}`;

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

type Loaded = Awaited<ReturnType<typeof loadSnapshot<z.infer<typeof FORMAT.state>>>>;

const NONE = Object.fromEntries(REPLAYED_STREAMS.map((name) => [name, '0-0'])) as Watermarks;

/** Each instance's state from its own snapshot (else the runner-wide one of earlier versions); what each covers. */
async function loadInstances(deps: RunnerRestoreDeps): Promise<Map<string, Watermarks>> {
  const { log, strategies } = deps;
  let legacy: Promise<Loaded> | null = null;
  const covers = new Map<string, Watermarks>();
  for (const s of strategies) {
    const own = await loadSnapshot(deps, instanceSnapshotOwner(s.id), FORMAT);
    legacy ??= own ? null : loadSnapshot(deps, RUNNER_SNAPSHOT_OWNER, FORMAT);
    const snapshot = own ?? (await legacy);
    const saved = snapshot?.state.instances[s.id];
    covers.set(s.id, { ...NONE, ...(saved == null ? {} : snapshot?.covers) });
    if (saved == null || !s.loadState) continue;
    if (!s.loadState(saved))
      log.warn('instance state in the snapshot rejected; it starts fresh', { instance: s.id });
  }
  return covers;
}

/**
 * Restores the instances: each from its snapshot (an instance whose saved state does not parse starts
 * fresh, logged), then every entry of {@link REPLAYED_STREAMS} after what its snapshot covers, merged in
 * publication order, up to the newest entry at start (the whole retained streams without a snapshot).
 * Returns the watermarks the live reading starts from (the same for every instance) and how many entries
 * were replayed.
 */
export async function restoreRunner(
  deps: RunnerRestoreDeps,
): Promise<{ marks: Watermarks; replayed: number }> {
  const { bus, log, signal, strategies } = deps;
  const covers = await loadInstances(deps);
  // The replay starts at the oldest cover; each entry goes to the instances whose snapshot it is newer than
  const marks = Object.fromEntries(
    REPLAYED_STREAMS.map((name) => {
      const ids = [...covers.values()].map((c) => c[name]).sort(compareEntryIds);
      return [name, ids[0] ?? '0-0'];
    }),
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
      const stream = entry.stream as ReplayedStream;
      const behind = strategies.filter(
        (s) => compareEntryIds(entry.id, covers.get(s.id)?.[stream] ?? '0-0') > 0,
      );
      replayEntry(behind, entry, nowMs);
      marks[stream] = entry.id;
    },
  });
  return { marks, replayed };
}

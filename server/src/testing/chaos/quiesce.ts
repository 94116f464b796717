import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { streamKey } from '../../keys/key-table.ts';
import { CHAOS_PREFIX, WORK_GROUPS } from './chaos-stack.ts';
import type { PlannedIntent } from './intent-mix.ts';
import { groupBacklog } from './stream-reader.ts';
import { verifyRun, type Findings } from './verify-run.ts';

const POLL_MS = 2_000;

/** How the wait for quiescence ended. */
export interface Quiescence {
  findings: Findings;
  /** Every intent decided, every approved leg filled, the work groups drained */
  settled: boolean;
  waitedMs: number;
}

/** Pending plus lag of the work groups: what the pipeline still holds. */
async function backlog(redis: Redis): Promise<number> {
  let total = 0;
  for (const { stream, group } of WORK_GROUPS) {
    const state = await groupBacklog(redis, streamKey(CHAOS_PREFIX, stream), group);
    total += state === null ? 1 : state.pending + state.lag;
  }
  return total;
}

/**
 * Waits until every intent is decided, every approved intent's legs are filled and the work groups are
 * drained, or until nothing has moved for `stallMs` (then the findings show what is stuck).
 */
export async function quiesce(
  redis: Redis,
  planned: ReadonlyMap<string, PlannedIntent>,
  stallMs: number,
): Promise<Quiescence> {
  const startedAt = Date.now();
  let lastSignature = '';
  let lastMoveAt = Date.now();
  for (;;) {
    const findings = await verifyRun(redis, CHAOS_PREFIX, planned);
    const held = await backlog(redis);
    const done = findings.undecided.length === 0 && findings.missingLegs.length === 0;
    if (done && held === 0) return { findings, settled: true, waitedMs: Date.now() - startedAt };
    const signature = JSON.stringify([findings.statuses, findings.filled, findings.missingLegs.length, held]);
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastMoveAt = Date.now();
    } else if (Date.now() - lastMoveAt > stallMs) {
      return { findings, settled: false, waitedMs: Date.now() - startedAt };
    }
    await sleep(POLL_MS);
  }
}

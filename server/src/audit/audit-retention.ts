import { setImmediate as yieldToOthers } from 'node:timers/promises';
import type { StreamName } from '@gamma/shared';
import type { Logger } from '../lib/logger.ts';
import type { AuditCompaction } from './audit-store.ts';
import { compactedStreams, compactionCutoffMs } from './core/retention-rule.ts';

/** How long raw market data stays whole, and how much one batch reads. */
export interface RetentionSettings {
  /** `AUDIT_MARKET_RAW_H`: raw ticks, surfaces and portfolio risk are kept whole this many hours */
  rawHours: number;
  /** `AUDIT_COMPACT_BATCH_ROWS`: rows read per batch (one statement) */
  batchRows: number;
}

/** What a pass did to one stream. */
export interface StreamCompaction {
  stream: StreamName;
  compacted: number;
  kept: number;
  batches: number;
  /** The time range compacted in this pass (ISO-8601), null when there was nothing to do */
  from: string | null;
  to: string | null;
}

/** What a whole pass did. */
export interface CompactionPassReport {
  streams: StreamCompaction[];
  compacted: number;
  kept: number;
  /** Duration of the VACUUM after deleting (0 when nothing was deleted), ms */
  reclaimMs: number;
  ms: number;
}

async function compactStream(
  compaction: AuditCompaction,
  target: { stream: StreamName; bucketMs: number; before: string; maxRows: number },
  signal: AbortSignal | undefined,
): Promise<StreamCompaction> {
  const done: StreamCompaction = {
    stream: target.stream,
    compacted: 0,
    kept: 0,
    batches: 0,
    from: null,
    to: null,
  };
  while (signal?.aborted !== true) {
    const batch = await compaction.compactBatch(target);
    if (batch === null) break;
    done.batches += 1;
    done.compacted += batch.compacted;
    done.kept += batch.kept;
    done.from ??= batch.from;
    done.to = batch.to;
    // One statement per batch: the recorder's inserts (queued on PGlite's single connection) go between
    await yieldToOthers();
  }
  return done;
}

/**
 * One compaction pass at `nowMs`: every raw market stream is down-sampled up to the start of the bucket
 * holding `now − rawHours`, batch by batch, then the freed space is made reusable. Logs each stream's
 * rows compacted and kept, its time range and duration, and a summary. Stops between batches on abort.
 */
export async function runCompactionPass(
  compaction: AuditCompaction,
  settings: RetentionSettings,
  options: { nowMs: number; log: Logger; signal?: AbortSignal },
): Promise<CompactionPassReport> {
  const began = performance.now();
  const streams: StreamCompaction[] = [];
  for (const { stream, bucketMs } of compactedStreams()) {
    const streamBegan = performance.now();
    const before = new Date(compactionCutoffMs(options.nowMs, settings.rawHours, bucketMs)).toISOString();
    const done = await compactStream(
      compaction,
      { stream, bucketMs, before, maxRows: settings.batchRows },
      options.signal,
    );
    streams.push(done);
    if (done.batches > 0)
      options.log.info('audit compaction: stream compacted', {
        stream,
        rows_compacted: done.compacted,
        rows_kept: done.kept,
        from: done.from,
        to: done.to,
        batches: done.batches,
        ms: Math.round(performance.now() - streamBegan),
      });
  }
  const compacted = streams.reduce((sum, s) => sum + s.compacted, 0);
  const kept = streams.reduce((sum, s) => sum + s.kept, 0);
  const reclaimBegan = performance.now();
  if (compacted > 0 && options.signal?.aborted !== true) await compaction.reclaimSpace();
  const reclaimMs = compacted > 0 ? Math.round(performance.now() - reclaimBegan) : 0;
  const ms = Math.round(performance.now() - began);
  const summary = { rows_compacted: compacted, rows_kept: kept, vacuum_ms: reclaimMs, ms };
  if (compacted > 0 || kept > 0) options.log.info('audit compaction: pass done', summary);
  else options.log.debug('audit compaction: nothing to compact', summary);
  return { streams, compacted, kept, reclaimMs, ms };
}

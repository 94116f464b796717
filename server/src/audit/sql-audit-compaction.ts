import type { StreamName } from '@gamma/shared';
import type {
  AuditCompaction,
  AuditRow,
  CompactionBatchRequest,
  CompactionBatchResult,
} from './audit-store.ts';
import { batchEndMs, bucketStartMs } from './core/retention-rule.ts';
import type { SqlClient } from './sql-client.ts';

/** The tables compaction works on: the audit rows and the per-stream watermarks. */
export interface CompactionTables {
  events: string;
  watermarks: string;
}

/** DDL of the watermark table (additive: a data dir of an earlier version gains it on migrate). */
export const watermarkTableDdl = (table: string): string => `
  CREATE TABLE IF NOT EXISTS ${table} (
    stream text PRIMARY KEY,
    compacted_to timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );`;

const msOf = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(String(value));
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Compaction in SQL, shared by PGlite and node-postgres. Each batch is one statement (a CTE that ranks
 * the rows of whole buckets, deletes all but the last per symbol and bucket, and moves the watermark),
 * so it is atomic on its own and the recorder's inserts run between batches.
 */
export class SqlAuditCompaction implements AuditCompaction {
  /** Watermark per stream, epoch ms, as last read or written by this process */
  private readonly watermarks = new Map<StreamName, number>();

  constructor(
    private readonly client: SqlClient,
    private readonly tables: CompactionTables,
  ) {}

  /** Reads the watermarks (after migrate), so rows recorded late below one are noticed from the start. */
  async load(): Promise<void> {
    const result = await this.client.query(`SELECT stream, compacted_to FROM ${this.tables.watermarks}`);
    this.watermarks.clear();
    for (const row of result.rows) this.watermarks.set(row.stream as StreamName, msOf(row.compacted_to));
  }

  /**
   * Called after an insert: a row of a compacted stream older than its watermark (the recorder caught
   * up on an old backlog) lowers the watermark, so the next pass compacts its buckets again.
   */
  async noteInserted(rows: readonly AuditRow[]): Promise<void> {
    const lowest = new Map<StreamName, number>();
    for (const row of rows) {
      const mark = this.watermarks.get(row.stream);
      const ms = Date.parse(row.ts);
      if (mark !== undefined && ms < mark && ms < (lowest.get(row.stream) ?? Infinity))
        lowest.set(row.stream, ms);
    }
    for (const [stream, ms] of lowest) {
      await this.client.query(
        `UPDATE ${this.tables.watermarks} SET compacted_to = $2::timestamptz, updated_at = now()
         WHERE stream = $1 AND compacted_to > $2::timestamptz`,
        [stream, iso(ms)],
      );
      this.watermarks.set(stream, ms);
    }
  }

  async compactBatch(request: CompactionBatchRequest): Promise<CompactionBatchResult | null> {
    const cutoffMs = Date.parse(request.before);
    const start = await this.startOf(request.stream);
    if (start === null) return null;
    const fromMs = bucketStartMs(start.ms, request.bucketMs);
    if (fromMs >= cutoffMs) return null;
    const nth = await this.client.query(
      `SELECT ts FROM ${this.tables.events}
       WHERE stream = $1 AND ts >= $2::timestamptz AND ts < $3::timestamptz
       ORDER BY ts OFFSET $4 LIMIT 1`,
      [request.stream, iso(fromMs), request.before, request.maxRows],
    );
    const nthTs = nth.rows[0] === undefined ? null : msOf(nth.rows[0].ts);
    const toMs = batchEndMs(fromMs, nthTs, { bucketMs: request.bucketMs, cutoffMs });
    const range = { mark: start.mark, fromMs, toMs };
    const { compacted, kept, moved } = await this.compactRange(request, range);
    if (moved) this.watermarks.set(request.stream, toMs);
    else await this.load();
    return { stream: request.stream, from: iso(fromMs), to: iso(toMs), compacted, kept };
  }

  async reclaimSpace(): Promise<void> {
    await this.client.exec(`VACUUM ${this.tables.events}`);
  }

  /** Where the next batch starts: the stored watermark, else the stream's oldest row; null when empty. */
  private async startOf(stream: StreamName): Promise<{ ms: number; mark: string | null } | null> {
    const stored = await this.client.query(
      `SELECT compacted_to FROM ${this.tables.watermarks} WHERE stream = $1`,
      [stream],
    );
    const mark = stored.rows[0]?.compacted_to;
    if (mark !== undefined) return { ms: msOf(mark), mark: iso(msOf(mark)) };
    const oldest = await this.client.query(
      `SELECT min(ts) AS ts FROM ${this.tables.events} WHERE stream = $1`,
      [stream],
    );
    const ts = oldest.rows[0]?.ts;
    return ts === null || ts === undefined ? null : { ms: msOf(ts), mark: null };
  }

  /**
   * Deletes every row of [from, to) but the last of each bucket and symbol, and advances the watermark
   * to `to` unless it moved meanwhile (a late row lowered it: then the next batch starts there).
   */
  private async compactRange(
    request: CompactionBatchRequest,
    { mark, fromMs, toMs }: { mark: string | null; fromMs: number; toMs: number },
  ): Promise<{ compacted: number; kept: number; moved: boolean }> {
    const { events, watermarks } = this.tables;
    const result = await this.client.query(
      `WITH ranked AS (
         SELECT stream, entry_id, row_number() OVER (
           PARTITION BY symbol, floor(extract(epoch FROM ts) * 1000 / $4::float8)
           ORDER BY ts DESC, entry_ms DESC, entry_seq DESC) AS rank
         FROM ${events} WHERE stream = $1 AND ts >= $2::timestamptz AND ts < $3::timestamptz
       ), gone AS (
         DELETE FROM ${events} e USING ranked r
         WHERE r.rank > 1 AND e.stream = r.stream AND e.entry_id = r.entry_id
         RETURNING 1
       ), moved AS (
         INSERT INTO ${watermarks} AS w (stream, compacted_to) VALUES ($1, $3::timestamptz)
         ON CONFLICT (stream) DO UPDATE SET compacted_to = excluded.compacted_to, updated_at = now()
         WHERE w.compacted_to = $5::timestamptz
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone) AS compacted,
              (SELECT count(*) FROM ranked WHERE rank = 1) AS kept,
              (SELECT count(*) FROM moved) AS moved`,
      [request.stream, iso(fromMs), iso(toMs), request.bucketMs, mark],
    );
    const row = result.rows[0] ?? {};
    return {
      compacted: Number(row.compacted ?? 0),
      kept: Number(row.kept ?? 0),
      moved: Number(row.moved ?? 0) > 0,
    };
  }
}

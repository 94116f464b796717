import type { HistoryPage, HistorySearch, StreamName } from '@gamma/shared';
import type { EntryWindowQuery } from './entry-window.ts';

/** One stream entry as the recorder writes it (SPEC §12 item 1). */
export interface AuditRow {
  stream: StreamName;
  /** Redis stream entry id `<ms>-<seq>`; with `stream`, the row's identity */
  entry_id: string;
  /** The message's own timestamp (ISO-8601 UTC) */
  ts: string;
  intent_id: string | null;
  client_order_id: string | null;
  strategy_id: string | null;
  symbol: string | null;
  /** The decoded message, stored as JSONB */
  message: Record<string, unknown>;
}

/** A filter of {@link AuditStore.range}; every field narrows, none widens. */
export interface AuditRangeQuery {
  stream?: StreamName | undefined;
  intentId?: string | undefined;
  /** Inclusive lower bound on `ts` (ISO-8601) */
  from?: string | undefined;
  /** Exclusive upper bound on `ts` (ISO-8601) */
  to?: string | undefined;
  limit: number;
}

/** One batch of compaction: a whole number of buckets of one stream, down-sampled in one statement. */
export interface CompactionBatchRequest {
  stream: StreamName;
  /** Bucket width; the last row of each bucket per symbol is kept */
  bucketMs: number;
  /** Exclusive end of what may be compacted (ISO-8601), aligned to a bucket */
  before: string;
  /** About this many rows are read per batch (whole buckets, so it may be a bucket's worth more) */
  maxRows: number;
}

/** What one batch did. */
export interface CompactionBatchResult {
  stream: StreamName;
  /** The time range compacted, [from, to) (ISO-8601) */
  from: string;
  to: string;
  /** Rows deleted, and rows kept (the last of each bucket and symbol) */
  compacted: number;
  kept: number;
}

/**
 * Down-sampling of old raw market data (see core/retention-rule.ts). Each stream has a watermark (up
 * to where it is compacted); a row recorded later below it lowers it, so late rows are compacted too.
 */
export interface AuditCompaction {
  /** Compacts the next batch after the stream's watermark; null when it has reached `before` */
  compactBatch(request: CompactionBatchRequest): Promise<CompactionBatchResult | null>;
  /** Makes the space of deleted rows reusable (plain VACUUM: PGlite runs no autovacuum) */
  reclaimSpace(): Promise<void>;
}

/** Searches of the console's History page (`history.search`), in SQL on the audit rows. */
export interface AuditHistory {
  /** A page of intents, decisions or order commands matching the filters, newest first */
  search(query: HistorySearch): Promise<HistoryPage>;
}

/**
 * The audit store: every stream entry kept in Postgres (SPEC §12), so the streams may be trimmed; raw
 * market data older than `AUDIT_MARKET_RAW_H` is down-sampled ({@link AuditCompaction}), the rest kept forever.
 * Two adapters share one SQL implementation: PGlite (embedded) and node-postgres.
 */
export interface AuditStore {
  /** Which adapter and where, for logs (no password) */
  readonly description: string;
  /** Creates the schema, tables and indexes when missing; idempotent */
  migrate(): Promise<void>;
  /** Writes rows; a row whose (stream, entry_id) exists is skipped. Returns how many were new. */
  insert(rows: readonly AuditRow[]): Promise<number>;
  /** Every row of an intent, in stream-id order (ms, then sequence, then stream) */
  byIntent(intentId: string): Promise<AuditRow[]>;
  /** One entry, or null */
  byEntry(stream: StreamName, entryId: string): Promise<AuditRow | null>;
  /** Rows by time (`ts` ascending, then stream id), at most `limit` */
  range(query: AuditRangeQuery): Promise<AuditRow[]>;
  /** Rows by entry time, in the order Redis received them (entry id, then stream); a page after a cursor (replay) */
  byEntryTime(query: EntryWindowQuery): Promise<AuditRow[]>;
  /** Retention of raw market data; absent on a store that keeps everything (test doubles) */
  readonly compaction?: AuditCompaction;
  /** History searches; absent on a store that has none (test doubles) */
  readonly history?: AuditHistory;
  close(): Promise<void>;
}

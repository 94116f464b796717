import type { StreamName } from '@gamma/shared';

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

/**
 * The audit store: every stream entry kept indefinitely in Postgres (SPEC §12), so the streams may be
 * trimmed. Two adapters share one SQL implementation: PGlite (embedded) and node-postgres.
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
  close(): Promise<void>;
}

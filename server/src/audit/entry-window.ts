import { InvalidInputError } from '../errors/index.ts';

/** A page of {@link AuditStore.byEntryTime}: entries Redis received in [fromMs, toMs), after a cursor. */
export interface EntryWindowQuery {
  /** Inclusive lower bound on the entry id's milliseconds */
  fromMs: number;
  /** Exclusive upper bound on the entry id's milliseconds */
  toMs: number;
  /** Rows strictly after this one in (entry ms, entry seq, stream) order; absent: from the start */
  after?: { ms: number; seq: number; stream: string } | undefined;
  limit: number;
}

/** Columns an entry-time page needs an index on (created by the store's migration). */
export const ENTRY_TIME_INDEX_COLUMNS = '(entry_ms, entry_seq, stream)';

/**
 * The SQL of one page in the order Redis received the entries (entry id, then stream), which is the
 * order a replay feeds them; `ts` (the message's own time) can be far off for seeded history.
 */
export function entryWindowSql(
  table: string,
  columns: string,
  query: EntryWindowQuery,
): { text: string; params: unknown[] } {
  const { fromMs, toMs, after, limit } = query;
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs))
    throw new InvalidInputError(
      `audit entry window: bounds must be epoch milliseconds, got ${fromMs}, ${toMs}`,
    );
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidInputError(`audit entry window: limit must be a positive integer, got ${limit}`);
  const params: unknown[] = [fromMs, toMs];
  let cursor = '';
  if (after !== undefined) {
    params.push(after.ms, after.seq, after.stream);
    cursor = 'AND (entry_ms, entry_seq, stream) > ($3::bigint, $4::bigint, $5::text)';
  }
  params.push(limit);
  return {
    text: `SELECT ${columns} FROM ${table}
      WHERE entry_ms >= $1::bigint AND entry_ms < $2::bigint ${cursor}
      ORDER BY entry_ms, entry_seq, stream LIMIT $${params.length}`,
    params,
  };
}

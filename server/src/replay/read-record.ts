import { STREAMS, type StreamMessage, type StreamName } from '@gamma/shared';
import type { AuditRow, AuditStore } from '../audit/audit-store.ts';

/** Rows per audit query while reading a window. */
const PAGE = 5_000;

/** One recorded stream entry, decoded, with its place in the record. */
export interface RecordedEntry<TName extends StreamName = StreamName> {
  stream: TName;
  /** Redis entry id `<ms>-<seq>` */
  id: string;
  /** The entry id's milliseconds: when Redis received it (the replay clock's time for this entry) */
  ms: number;
  seq: number;
  message: StreamMessage<TName>;
}

/** What {@link readRecord} found: the entries in order and how many rows did not decode. */
export interface ReadRecord {
  entries: RecordedEntry[];
  undecodable: number;
}

const STREAM_ORDER = new Map(Object.keys(STREAMS).map((name, i) => [name, i]));

/** Orders entries as Redis received them: entry id milliseconds, then sequence, then the stream table's order. */
export const compareRecorded = (a: RecordedEntry, b: RecordedEntry): number =>
  a.ms - b.ms || a.seq - b.seq || (STREAM_ORDER.get(a.stream) ?? 0) - (STREAM_ORDER.get(b.stream) ?? 0);

function decode(row: AuditRow): RecordedEntry | null {
  const match = /^(\d+)-(\d+)$/.exec(row.entry_id);
  const parsed = STREAMS[row.stream].safeParse(row.message);
  if (match === null || !parsed.success) return null;
  return {
    stream: row.stream,
    id: row.entry_id,
    ms: Number(match[1]),
    seq: Number(match[2]),
    message: parsed.data as StreamMessage<StreamName>,
  };
}

/** Every recorded entry Redis received in [from, to), in that order (paged by the entry-time cursor). */
export async function readRecord(
  store: AuditStore,
  window: { fromMs: number; toMs: number },
): Promise<ReadRecord> {
  const entries: RecordedEntry[] = [];
  let undecodable = 0;
  let after: { ms: number; seq: number; stream: string } | undefined;
  for (;;) {
    const rows = await store.byEntryTime({ ...window, after, limit: PAGE });
    for (const row of rows) {
      const entry = decode(row);
      if (entry === null) undecodable += 1;
      else entries.push(entry);
    }
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) break;
    const [ms, seq] = last.entry_id.split('-').map(Number);
    after = { ms: ms ?? 0, seq: seq ?? 0, stream: last.stream };
  }
  return { entries: entries.sort(compareRecorded), undecodable };
}

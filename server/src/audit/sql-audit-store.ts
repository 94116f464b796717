import { STREAM_NAMES, type StreamName } from '@gamma/shared';
import type { AuditRangeQuery, AuditRow, AuditStore } from './audit-store.ts';
import { ENTRY_TIME_INDEX_COLUMNS, entryWindowSql, type EntryWindowQuery } from './entry-window.ts';
import { parseEntryId } from './core/audit-row.ts';
import { SqlAuditCompaction, watermarkTableDdl } from './sql-audit-compaction.ts';
import { historyIndexDdl, SqlHistorySearch } from './sql-history-search.ts';
import type { SqlClient } from './sql-client.ts';
import { ConfigError, InvalidInputError, InvariantError } from '../errors/index.ts';

/** Rows per INSERT statement (10 parameters each, far below Postgres' 65535). */
const INSERT_CHUNK = 500;
const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const COLUMNS = 'stream, entry_id, ts, intent_id, client_order_id, strategy_id, symbol, message';
const ORDER_BY_ID = 'entry_ms, entry_seq, stream';

/** Where the audit table lives: a schema (created when missing) or the connection's default. */
export interface SqlAuditStoreOptions {
  /** A plain lower-case identifier; default: none (the `search_path`, i.e. `public`) */
  schema?: string | undefined;
  description: string;
}

const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const jsonOf = (value: unknown): Record<string, unknown> =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

function rowOf(raw: Record<string, unknown>): AuditRow {
  return {
    stream: raw.stream as StreamName,
    entry_id: String(raw.entry_id),
    ts: iso(raw.ts),
    intent_id: textOrNull(raw.intent_id),
    client_order_id: textOrNull(raw.client_order_id),
    strategy_id: textOrNull(raw.strategy_id),
    symbol: textOrNull(raw.symbol),
    message: jsonOf(raw.message),
  };
}

function requireTime(label: string, value: string | undefined): string | undefined {
  if (value !== undefined && !Number.isFinite(Date.parse(value)))
    throw new InvalidInputError(`audit range: "${label}" is not an ISO-8601 time: ${value}`);
  return value;
}

/** The audit store over any {@link SqlClient}: schema, idempotent batch insert, queries. */
export class SqlAuditStore implements AuditStore {
  readonly description: string;
  readonly compaction: SqlAuditCompaction;
  readonly history: SqlHistorySearch;
  private readonly table: string;
  private readonly watermarkTable: string;
  private readonly schema: string | undefined;

  constructor(
    private readonly client: SqlClient,
    options: SqlAuditStoreOptions,
  ) {
    if (options.schema !== undefined && !IDENT_RE.test(options.schema))
      throw new ConfigError(`audit store: schema must be a lower-case identifier, got "${options.schema}"`);
    this.schema = options.schema;
    const qualify = (name: string): string =>
      options.schema === undefined ? name : `"${options.schema}".${name}`;
    this.table = qualify('audit_events');
    this.watermarkTable = qualify('audit_compaction');
    this.compaction = new SqlAuditCompaction(client, {
      events: this.table,
      watermarks: this.watermarkTable,
    });
    this.history = new SqlHistorySearch(client, this.table);
    this.description = options.description;
  }

  async migrate(): Promise<void> {
    const t = this.table;
    const name = this.schema === undefined ? 'audit_events' : `${this.schema}_audit_events`;
    await this.client.exec(`
      ${this.schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS "${this.schema}";`}
      CREATE TABLE IF NOT EXISTS ${t} (
        stream text NOT NULL,
        entry_id text NOT NULL,
        entry_ms bigint NOT NULL,
        entry_seq bigint NOT NULL,
        ts timestamptz NOT NULL,
        intent_id text,
        client_order_id text,
        strategy_id text,
        symbol text,
        message jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream, entry_id)
      );
      CREATE INDEX IF NOT EXISTS ${name}_intent_idx ON ${t} (intent_id) WHERE intent_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${name}_client_order_idx ON ${t} (client_order_id) WHERE client_order_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${name}_ts_idx ON ${t} (ts);
      CREATE INDEX IF NOT EXISTS ${name}_stream_ts_idx ON ${t} (stream, ts);
      CREATE INDEX IF NOT EXISTS ${name}_entry_idx ON ${t} ${ENTRY_TIME_INDEX_COLUMNS};
      ${historyIndexDdl(name, t)}
      ${watermarkTableDdl(this.watermarkTable)}
    `);
    await this.compaction.load();
  }

  async insert(rows: readonly AuditRow[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      inserted += await this.insertChunk(rows.slice(i, i + INSERT_CHUNK));
    await this.compaction.noteInserted(rows);
    return inserted;
  }

  private async insertChunk(rows: readonly AuditRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const id = parseEntryId(row.entry_id);
      if (id === null)
        throw new InvariantError(`audit: malformed entry id "${row.entry_id}" on ${row.stream}`);
      const base = params.length;
      params.push(row.stream, row.entry_id, id.ms, id.seq, row.ts);
      params.push(
        row.intent_id,
        row.client_order_id,
        row.strategy_id,
        row.symbol,
        JSON.stringify(row.message),
      );
      const p = (k: number): string => `$${base + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}::bigint, ${p(4)}::bigint, ${p(5)}::timestamptz, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}::jsonb)`;
    });
    const result = await this.client.query(
      `INSERT INTO ${this.table} (stream, entry_id, entry_ms, entry_seq, ts, intent_id, client_order_id, strategy_id, symbol, message)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (stream, entry_id) DO NOTHING
       RETURNING entry_id`,
      params,
    );
    return result.rows.length;
  }

  async byIntent(intentId: string): Promise<AuditRow[]> {
    const result = await this.client.query(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE intent_id = $1 ORDER BY ${ORDER_BY_ID}`,
      [intentId],
    );
    return result.rows.map(rowOf);
  }

  async byEntry(stream: StreamName, entryId: string): Promise<AuditRow | null> {
    const result = await this.client.query(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream = $1 AND entry_id = $2`,
      [stream, entryId],
    );
    const [raw] = result.rows;
    return raw === undefined ? null : rowOf(raw);
  }

  async range(query: AuditRangeQuery): Promise<AuditRow[]> {
    if (!Number.isInteger(query.limit) || query.limit < 1)
      throw new InvalidInputError(`audit range: limit must be a positive integer, got ${query.limit}`);
    if (query.stream !== undefined && !STREAM_NAMES.includes(query.stream))
      throw new InvalidInputError(`audit range: unknown stream "${query.stream}"`);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.stream !== undefined) add('stream = ?', query.stream);
    if (query.intentId !== undefined) add('intent_id = ?', query.intentId);
    const from = requireTime('from', query.from);
    const to = requireTime('to', query.to);
    if (from !== undefined) add('ts >= ?::timestamptz', from);
    if (to !== undefined) add('ts < ?::timestamptz', to);
    params.push(query.limit);
    const result = await this.client.query(
      `SELECT ${COLUMNS} FROM ${this.table}
       ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY ts, ${ORDER_BY_ID} LIMIT $${params.length}`,
      params,
    );
    return result.rows.map(rowOf);
  }

  async byEntryTime(query: EntryWindowQuery): Promise<AuditRow[]> {
    const { text, params } = entryWindowSql(this.table, COLUMNS, query);
    return (await this.client.query(text, params)).rows.map(rowOf);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

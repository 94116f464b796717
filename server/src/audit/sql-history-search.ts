import type { HistoryKind, HistoryPage, HistoryRow, HistorySearch } from '@gamma/shared';
import type { AuditHistory } from './audit-store.ts';
import { historyCountSql, historyPageSql, parseHistoryCursor } from './history-sql.ts';
import type { SqlClient } from './sql-client.ts';

const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function rowOf(kind: HistoryKind, raw: Record<string, unknown>): HistoryRow {
  return {
    kind,
    entry_id: String(raw.entry_id),
    ts: iso(raw.ts),
    intent_id: text(raw.intent_id),
    strategy_id: text(raw.strategy_id),
    underlying: text(raw.underlying),
    symbol: text(raw.symbol),
    action: text(raw.action),
    side: text(raw.side),
    quantity: num(raw.quantity),
    status: text(raw.status),
    notional: num(raw.notional),
    price: num(raw.price),
    reason: text(raw.reason),
    client_order_id: text(raw.client_order_id),
  };
}

/**
 * Indexes of the history search (created by the store's migration, so an existing database gets them at the
 * next start): an intent's rows of one stream in entry order, and an order's, so each row's latest decision,
 * first intent and fill is one index probe.
 */
export const historyIndexDdl = (name: string, table: string): string => `
  CREATE INDEX IF NOT EXISTS ${name}_intent_stream_idx ON ${table} (intent_id, stream, entry_ms, entry_seq)
    WHERE intent_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS ${name}_client_order_stream_idx ON ${table} (client_order_id, stream, entry_ms, entry_seq)
    WHERE client_order_id IS NOT NULL;`;

/**
 * History searches in SQL on the audit table (the console's History page): intents with their latest status,
 * decisions or order commands, filtered and paged newest first on (message time, entry id), so a page costs
 * the rows it returns, not the rows before it.
 */
export class SqlHistorySearch implements AuditHistory {
  constructor(
    private readonly client: SqlClient,
    private readonly table: string,
  ) {}

  async search(query: HistorySearch): Promise<HistoryPage> {
    const cursor =
      query.cursor === undefined || query.cursor === null ? null : parseHistoryCursor(query.cursor);
    const page = historyPageSql(this.table, query, cursor);
    const raws = (await this.client.query(page.text, page.params)).rows;
    const more = raws.length > query.limit;
    const kept = more ? raws.slice(0, query.limit) : raws;
    const last = kept.at(-1);
    const next_cursor =
      more && last !== undefined ? `${String(last.ts_micros)}:${String(last.entry_id)}` : null;
    return {
      rows: kept.map((raw) => rowOf(query.kind, raw)),
      next_cursor,
      total: cursor !== null ? null : more ? await this.count(query) : kept.length,
    };
  }

  private async count(query: HistorySearch): Promise<number> {
    const { text: sql, params } = historyCountSql(this.table, query);
    const [row] = (await this.client.query(sql, params)).rows;
    return Number(row?.n ?? 0);
  }
}

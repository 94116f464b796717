import type { HistoryKind, HistorySearch } from '@gamma/shared';
import { InvalidInputError } from '../errors/index.ts';

/** A history page's position: the last row's message time (epoch µs) and entry id. */
export interface HistoryCursor {
  tsMicros: string;
  ms: string;
  seq: string;
}

const CURSOR_RE = /^(\d{1,17}):(\d{1,20})-(\d{1,20})$/;

/** The cursor of `history.search` (`<ts µs>:<ms>-<seq>`); throws InvalidInputError on another form. */
export function parseHistoryCursor(cursor: string): HistoryCursor {
  const match = CURSOR_RE.exec(cursor);
  if (!match?.[1] || !match[2] || !match[3])
    throw new InvalidInputError(`history: "${cursor}" is not a cursor this search returned`);
  return { tsMicros: match[1], ms: match[2], seq: match[3] };
}

// The value of a decision's `order_notional` check (jsonpath in lax mode: any other shape of `checks` is null)
const NOTIONAL_PATH = `'$.checks[*] ? (@.check == "order_notional").value'`;
const notionalOf = (alias: string): string => `jsonb_path_query_first(${alias}.message, ${NOTIONAL_PATH})`;

const earlier = (a: string, b: string): string =>
  `(${a}.entry_ms, ${a}.entry_seq) < (${b}.entry_ms, ${b}.entry_seq)`;

/**
 * One row per intent (the first of a re-published one) with its latest decision's status and reason, and the
 * notional of the latest decision that checked it. Columns of every kind's rows are the same.
 */
const intentRows = (t: string): string => `
  SELECT i.ts, i.entry_ms, i.entry_seq, i.entry_id, i.intent_id, i.strategy_id,
    i.symbol AS underlying, i.symbol AS symbol, i.message->>'action' AS action,
    i.message->>'direction' AS side, i.message->'quantity' AS quantity,
    d.status, n.notional, NULL::jsonb AS price, d.reason, NULL::text AS client_order_id
  FROM ${t} i
  LEFT JOIN LATERAL (
    SELECT x.message->>'status' AS status, x.message->>'reason' AS reason FROM ${t} x
    WHERE x.intent_id = i.intent_id AND x.stream = 'intent.decision'
    ORDER BY x.entry_ms DESC, x.entry_seq DESC LIMIT 1) d ON true
  LEFT JOIN LATERAL (
    SELECT ${notionalOf('x')} AS notional FROM ${t} x
    WHERE x.intent_id = i.intent_id AND x.stream = 'intent.decision' AND ${notionalOf('x')} IS NOT NULL
    ORDER BY x.entry_ms DESC, x.entry_seq DESC LIMIT 1) n ON true
  WHERE i.stream = 'strategy.intent' AND i.intent_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${t} e WHERE e.intent_id = i.intent_id
      AND e.stream = 'strategy.intent' AND ${earlier('e', 'i')})`;

/** One row per decision (the first of a re-published decision_id). */
const decisionRows = (t: string): string => `
  SELECT d.ts, d.entry_ms, d.entry_seq, d.entry_id, d.intent_id, d.strategy_id,
    d.symbol AS underlying, COALESCE(d.message->'metadata'->>'order_symbol', d.symbol) AS symbol,
    d.message->>'action' AS action, d.message->>'direction' AS side, d.message->'quantity' AS quantity,
    d.message->>'status' AS status, ${notionalOf('d')} AS notional, NULL::jsonb AS price,
    d.message->>'reason' AS reason, d.client_order_id
  FROM ${t} d
  WHERE d.stream = 'intent.decision'
    AND NOT EXISTS (SELECT 1 FROM ${t} e WHERE e.intent_id = d.intent_id AND e.stream = 'intent.decision'
      AND e.message->>'decision_id' = d.message->>'decision_id' AND ${earlier('e', 'd')})`;

/** One row per order command (the first of a repeated client_order_id), with its intent's underlying and action. */
const orderRows = (t: string): string => `
  SELECT o.ts, o.entry_ms, o.entry_seq, o.entry_id, o.intent_id, o.strategy_id,
    COALESCE(it.symbol, o.symbol) AS underlying, o.symbol, it.action,
    o.message->>'side' AS side, o.message->'quantity' AS quantity,
    CASE WHEN f.price IS NOT NULL THEN 'filled' WHEN r.found THEN 'rejected' ELSE 'sent' END AS status,
    NULL::jsonb AS notional, COALESCE(f.price, o.message->'price') AS price, r.reason, o.client_order_id
  FROM ${t} o
  LEFT JOIN LATERAL (
    SELECT x.symbol, x.message->>'action' AS action FROM ${t} x
    WHERE x.intent_id = o.intent_id AND x.stream = 'strategy.intent'
    ORDER BY x.entry_ms, x.entry_seq LIMIT 1) it ON true
  LEFT JOIN LATERAL (
    SELECT x.message->'price' AS price FROM ${t} x
    WHERE x.client_order_id = o.client_order_id AND x.stream = 'order.fill'
    ORDER BY x.entry_ms, x.entry_seq LIMIT 1) f ON true
  LEFT JOIN LATERAL (
    SELECT true AS found, x.message->>'reason' AS reason FROM ${t} x
    WHERE x.client_order_id = o.client_order_id AND x.stream = 'intent.decision'
      AND x.message->>'status' = 'execution_rejected'
    ORDER BY x.entry_ms, x.entry_seq LIMIT 1) r ON true
  WHERE o.stream = 'order.command'
    AND (o.client_order_id IS NULL OR NOT EXISTS (SELECT 1 FROM ${t} e
      WHERE e.client_order_id = o.client_order_id AND e.stream = 'order.command' AND ${earlier('e', 'o')}))`;

const ROWS_OF = { intent: intentRows, decision: decisionRows, order: orderRows } satisfies Record<
  HistoryKind,
  (table: string) => string
>;

/** The WHERE of a search on the rows `h` of its kind (filters, and the cursor when paging). */
function filtersOf(query: HistorySearch, cursor: HistoryCursor | null): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    let text = sql;
    for (const value of values) {
      params.push(value);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if (query.strategy !== undefined) add('h.strategy_id = ?', query.strategy);
  if (query.status !== undefined) add('h.status = ?', query.status);
  if (query.underlying !== undefined) add('h.underlying = ?', query.underlying);
  if (query.action !== undefined) add('h.action = ?', query.action);
  if (query.from !== undefined) add('h.ts >= ?::timestamptz', query.from);
  if (query.to !== undefined) add('h.ts < ?::timestamptz', query.to);
  if (cursor !== null)
    add(
      `(h.ts, h.entry_ms, h.entry_seq) < ('epoch'::timestamptz + ?::bigint * interval '1 microsecond', ?::bigint, ?::bigint)`,
      cursor.tsMicros,
      cursor.ms,
      cursor.seq,
    );
  return { where: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, params };
}

/** A page of a search, newest first, one row more than `limit` (to tell whether another page follows). */
export function historyPageSql(
  table: string,
  query: HistorySearch,
  cursor: HistoryCursor | null,
): { text: string; params: unknown[] } {
  const { where, params } = filtersOf(query, cursor);
  params.push(query.limit + 1);
  return {
    text: `SELECT h.*, (extract(epoch FROM h.ts) * 1000000)::bigint::text AS ts_micros
      FROM (${ROWS_OF[query.kind](table)}) h ${where}
      ORDER BY h.ts DESC, h.entry_ms DESC, h.entry_seq DESC LIMIT $${params.length}`,
    params,
  };
}

/** How many rows match a search's filters in all. */
export function historyCountSql(table: string, query: HistorySearch): { text: string; params: unknown[] } {
  const { where, params } = filtersOf(query, null);
  return { text: `SELECT count(*)::int AS n FROM (${ROWS_OF[query.kind](table)}) h ${where}`, params };
}

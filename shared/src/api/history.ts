import { z } from 'zod';
import { IsoTimestampSchema } from '../messages/common.ts';
import { NAME_MAX_LENGTH, TIMESTAMP_MAX_LENGTH } from './input-limits.ts';

/** What a history search lists: intents (with their latest status), decisions, or order commands. */
export const HISTORY_KINDS = ['intent', 'decision', 'order'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Statuses of an order row: `filled` (a fill was recorded), `rejected` (an execution rejection), else `sent`. */
export const ORDER_HISTORY_STATUSES = ['sent', 'filled', 'rejected'] as const;

/** Most rows one `history.search` page returns. */
export const HISTORY_MAX_LIMIT = 10_000;

/** A page cursor of `history.search`: `<ts in epoch µs>:<entry id>` of the last row of the previous page. */
export const HistoryCursorSchema = z
  .string()
  .max(64)
  .regex(/^\d{1,17}:\d{1,20}-\d{1,20}$/, 'a history cursor is the next_cursor of the previous page');

const Name = z.string().trim().min(1).max(NAME_MAX_LENGTH);
const Time = z.string().max(TIMESTAMP_MAX_LENGTH).pipe(IsoTimestampSchema);

/** Input of `history.search` (viewer): every filter narrows (exact match); `from` inclusive, `to` exclusive. */
export const HistorySearchInputSchema = z.object({
  /** What to list; default `intent` */
  kind: z.enum(HISTORY_KINDS).default('intent'),
  /** Strategy id, e.g. `pq_vol_trader_btc` */
  strategy: Name.optional(),
  /** Intent and decision rows: a decision status (`approved`, …); order rows: `sent`, `filled`, `rejected` */
  status: Name.optional(),
  /** The intent's symbol, e.g. `BTC/USDT` */
  underlying: Name.optional(),
  /** The intent's action, e.g. `buy_straddle` */
  action: Name.optional(),
  /** Inclusive lower bound on the row's message time */
  from: Time.optional(),
  /** Exclusive upper bound on the row's message time */
  to: Time.optional(),
  /** Rows per page, newest first */
  limit: z.number().int().min(1).max(HISTORY_MAX_LIMIT).default(500),
  /** The previous page's `next_cursor`; absent: the first page */
  cursor: HistoryCursorSchema.nullish(),
});
export type HistorySearchInput = z.input<typeof HistorySearchInputSchema>;
export type HistorySearch = z.output<typeof HistorySearchInputSchema>;

/** One row of a history search. */
export interface HistoryRow {
  /** What the row is */
  kind: HistoryKind;
  /** The audit row's stream entry id (`<ms>-<seq>`) */
  entry_id: string;
  /** The message's time (ISO-8601 UTC) */
  ts: string;
  /** The intent, null for an order from an original producer */
  intent_id: string | null;
  /** The strategy */
  strategy_id: string | null;
  /** The intent's symbol (the underlying of an option structure) */
  underlying: string | null;
  /** The instrument: as `underlying` for intents, the order's (or the rejected leg's) symbol otherwise */
  symbol: string | null;
  /** The intent's action */
  action: string | null;
  /** `buy` / `sell` (the intent's direction, the order's side) */
  side: string | null;
  /** Structures for intents, instrument units for orders */
  quantity: number | null;
  /** Intents: the latest decision's status (null: none yet); decisions: theirs; orders: sent/filled/rejected */
  status: string | null;
  /** `order_notional` of the (latest) decision's checks, USD; null when not checked */
  notional: number | null;
  /** Orders: the fill price, else the limit price; null otherwise */
  price: number | null;
  /** The decision's reason (veto reason, failing checks), or an order's rejection reason */
  reason: string | null;
  /** The client order id of an order row */
  client_order_id: string | null;
}

/** Output of `history.search`. */
export interface HistoryPage {
  /** Newest first (message time, then entry id) */
  rows: HistoryRow[];
  /** Pass as `cursor` for the next (older) page; null on the last */
  next_cursor: string | null;
  /** Rows matching the filters in all; counted on the first page only (null on later pages) */
  total: number | null;
}

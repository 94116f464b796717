import type { StreamMessage, StreamName } from '@gamma/shared';
import type { AuditRow } from '../audit-store.ts';
import { InvalidInputError, InvariantError } from '../../errors/index.ts';

const ENTRY_ID_RE = /^(\d+)-(\d+)$/;

/** The parts of a stream entry id `<ms>-<seq>`; null when it has another form. */
export function parseEntryId(entryId: string): { ms: string; seq: string } | null {
  const match = ENTRY_ID_RE.exec(entryId);
  if (!match?.[1] || !match[2]) return null;
  return { ms: match[1], seq: match[2] };
}

/** A UTF-16 surrogate without its pair: Postgres text and JSONB refuse it, as they refuse NUL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The value with every character Postgres cannot store (NUL, lone surrogates) replaced by U+FFFD,
 * so a row is never refused for its text; everything else is kept as it is.
 */
export function pgStorable(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(pgStorable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [pgStorable(k) as string, pgStorable(v)]),
    );
  }
  return value;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? (pgStorable(value) as string) : null;

/** A field of the message, else the same key in its `metadata`. */
function field(message: Record<string, unknown>, key: string): string | null {
  const own = text(message[key]);
  if (own !== null) return own;
  const metadata = message.metadata;
  return metadata !== null && typeof metadata === 'object'
    ? text((metadata as Record<string, unknown>)[key])
    : null;
}

/** The instrument of a message: `symbol`, else `underlying` (surfaces, forecasts, portfolio risk). */
const symbolOf = (message: Record<string, unknown>): string | null =>
  text(message.symbol) ?? text(message.underlying);

/**
 * Maps one decoded stream entry to its audit row: `ts` is the message timestamp; `intent_id`,
 * `client_order_id` and `strategy_id` come from the message or else its metadata (a position update
 * names its intent in metadata); `symbol` is the symbol or underlying. Throws on a malformed entry id.
 */
export function toAuditRow<TName extends StreamName>(
  stream: TName,
  entryId: string,
  message: StreamMessage<TName>,
): AuditRow {
  if (parseEntryId(entryId) === null)
    throw new InvalidInputError(`audit: malformed entry id "${entryId}" on ${stream}`);
  const body = pgStorable(message) as Record<string, unknown>;
  const ts = text(body.timestamp);
  if (ts === null) throw new InvariantError(`audit: entry ${entryId} on ${stream} has no timestamp`);
  return {
    stream,
    entry_id: entryId,
    ts,
    intent_id: field(body, 'intent_id'),
    client_order_id: field(body, 'client_order_id'),
    strategy_id: field(body, 'strategy_id'),
    symbol: symbolOf(body),
    message: body,
  };
}

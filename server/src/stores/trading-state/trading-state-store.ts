import {
  TRADING_SCOPES,
  TRADING_STATES,
  TradingStateEventSchema,
  type TradingScope,
  type TradingState,
  type TradingStateEvent,
} from '@gamma/shared';
import { z } from 'zod';
import { ConflictError, InfrastructureError } from '../../errors/index.ts';
import { INTENT_MEMORY_TTL_S, type OnceMarks } from '../once/once-marks.ts';

/**
 * The stored state of one scope: the JSON value of its field in the trading-state hash, exactly these
 * five fields (the engine's reserve script reads `state` from it). `since` is ISO.
 */
export const TradingStateRecordSchema = z.strictObject({
  state: z.enum(TRADING_STATES),
  previous: z.enum(TRADING_STATES),
  reason: z.string().min(1),
  changed_by: z.string().min(1),
  since: z.string().min(1),
});
export type TradingStateRecord = z.infer<typeof TradingStateRecordSchema>;

/** A scope's record with where it applies (`key` null exactly for `global`). */
export interface ScopedTradingState extends TradingStateRecord {
  scope: TradingScope;
  key: string | null;
}

/** A change asked of the store. */
export interface TradingStateChange {
  scope: TradingScope;
  /** Null for `global`; the strategy id, or the underlying's base coin in upper case */
  key: string | null;
  state: TradingState;
  reason: string;
  changedBy: string;
  /** ISO: the record's `since` and the event's `timestamp` */
  at: string;
}

/** What {@link TradingStateStore.set} did. */
export type SetTradingStateResult =
  | { changed: true; event: TradingStateEvent }
  /** Nothing written: the scope is in that state already, or `when` declined; `current` is what it holds */
  | { changed: false; current: TradingState };

/**
 * The trading state per scope (issue 9), and each change's event on `risk.trading_state` exactly once.
 *
 * A change is two steps, because the state and the stream live in different cluster slots: (1) one atomic
 * write sets the scope's record and queues the event in an outbox beside it (numbered by a change counter);
 * (2) the queued events are appended to the stream in that order, each with a done-mark keyed by its
 * number (`stores/once`), then dropped from the outbox. A crash after (1) leaves the event queued; a crash
 * after the append leaves it queued but marked, so appending it again is a no-op. Every `set` and
 * {@link publishPending} drains the whole outbox, so the next change, or any process that starts (engine,
 * kill switch, gateway), publishes what a crashed one left, and events reach the stream in change order.
 */
export interface TradingStateStore {
  /** Every scope with a stored record (a scope without one is ACTIVE). */
  list(): Promise<ScopedTradingState[]>;
  /**
   * Sets a scope's state unless it is in that state already or `when(current, record)` is false (`record`
   * the scope's stored record, null when never set; read and decided again if another writer changed the
   * scope in between, so `when` decides on exactly what the write replaces), then publishes the outbox.
   */
  set(
    change: TradingStateChange,
    options?: { when?: (current: TradingState, record: TradingStateRecord | null) => boolean },
  ): Promise<SetTradingStateResult>;
  /** Appends every queued event to `risk.trading_state` (once each); returns how many this call appended. */
  publishPending(): Promise<number>;
}

/** The hash field of a scope: `global`, `strategy:<id>`, `underlying:<coin>`. */
export const tradingStateField = (scope: TradingScope, key: string | null): string =>
  scope === 'global' ? 'global' : `${scope}:${key ?? ''}`;

/** The scope and key of a hash field, or null for a field that is no scope. */
export function scopeOfField(field: string): { scope: TradingScope; key: string | null } | null {
  if (field === 'global') return { scope: 'global', key: null };
  const colon = field.indexOf(':');
  const scope = field.slice(0, colon) as TradingScope;
  const key = field.slice(colon + 1);
  if (colon < 0 || scope === 'global' || !TRADING_SCOPES.includes(scope) || key === '') return null;
  return { scope, key };
}

/** A stored record, checked; throws naming the field when it is not one. */
export function parseRecord(field: string, raw: string): TradingStateRecord {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = TradingStateRecordSchema.safeParse(json);
  if (!parsed.success) throw new InfrastructureError(`trading state ${field}: unreadable record ${raw}`);
  return parsed.data;
}

/** Every scope of a hash's fields (fields that are no scope are left out), in field order. */
export function scopedStates(fields: Readonly<Record<string, string>>): ScopedTradingState[] {
  const out: ScopedTradingState[] = [];
  for (const [field, raw] of Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))) {
    const where = scopeOfField(field);
    if (where) out.push({ ...where, ...parseRecord(field, raw) });
  }
  return out;
}

/** One queued event: its change number and its JSON. */
export interface QueuedEvent {
  seq: number;
  event: string;
}

/** One change for {@link TradingStateBackend.write}: the field, the value read before, the new record and event (JSON). */
export interface QueuedChange {
  field: string;
  expected: string | null;
  record: string;
  event: string;
}

/** The storage under the store: the Redis hashes, or their in-memory twin. */
export interface TradingStateBackend {
  /** Every field of the state hash */
  fields(): Promise<Record<string, string>>;
  /** One field's raw value, null when absent */
  field(field: string): Promise<string | null>;
  /** Writes the record and queues the event if the field still holds `expected`; the change number or null */
  write(change: QueuedChange): Promise<number | null>;
  /** The queued events, lowest change number first */
  queued(): Promise<QueuedEvent[]>;
  /** Drops a published event from the outbox */
  drop(seq: number): Promise<void>;
}

/**
 * Setting the state in force again writes nothing, unless someone else sets it: then the record (and an
 * event, previous = state) names the new setter, so a policy-set REDUCING a person confirms is the
 * person's, and the policy never lifts it.
 */
const unchanged = (change: TradingStateChange, stored: TradingStateRecord | null): boolean =>
  (stored?.state ?? 'ACTIVE') === change.state && (stored === null || stored.changed_by === change.changedBy);

/** Rounds of read-decide-write before a set gives up (each lost round means another writer changed it). */
const SET_ATTEMPTS = 20;

/** The store over a backend; `once` appends each queued event with its done-mark. */
export function createTradingStateStore(backend: TradingStateBackend, once: OnceMarks): TradingStateStore {
  const publishPending = async (): Promise<number> => {
    let appended = 0;
    for (const queued of await backend.queued()) {
      const done = await once.append({
        stream: 'risk.trading_state',
        scope: 'trading_state',
        key: String(queued.seq),
        messages: [JSON.parse(queued.event) as TradingStateEvent],
        ttlS: INTENT_MEMORY_TTL_S,
      });
      if (done.first) appended += 1;
      await backend.drop(queued.seq);
    }
    return appended;
  };
  return {
    async list() {
      return scopedStates(await backend.fields());
    },
    async set(change, options = {}) {
      const field = tradingStateField(change.scope, change.key);
      for (let attempt = 1; attempt <= SET_ATTEMPTS; attempt += 1) {
        const raw = await backend.field(field);
        const stored = raw === null ? null : parseRecord(field, raw);
        const current = stored?.state ?? 'ACTIVE';
        if (unchanged(change, stored) || (options.when && !options.when(current, stored)))
          return { changed: false, current };
        const event = TradingStateEventSchema.parse({
          scope: change.scope,
          key: change.key,
          state: change.state,
          previous: current,
          reason: change.reason,
          changed_by: change.changedBy,
          timestamp: change.at,
          metadata: {},
        });
        const record: TradingStateRecord = {
          state: event.state,
          previous: event.previous,
          reason: event.reason,
          changed_by: event.changed_by,
          since: event.timestamp,
        };
        const seq = await backend.write({
          field,
          expected: raw,
          record: JSON.stringify(record),
          event: JSON.stringify(event),
        });
        if (seq === null) continue;
        await publishPending();
        return { changed: true, event };
      }
      throw new ConflictError(`trading state ${field}: changed by others ${SET_ATTEMPTS} times in a row`);
    },
    publishPending,
  };
}

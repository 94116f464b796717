import type { StreamName } from '@gamma/shared';

/**
 * Every Redis key of Gamma is built here, and nowhere else (BullMQ's `QueueKeys`). Pure: no client.
 *
 * Streams stay `<prefix>:<name>`: that is the wire contract other tools read. Records sit under the same
 * prefix, so `<prefix>:*` finds everything of one desk.
 *
 * Hash tags: a Lua script may only touch keys of one Redis Cluster slot, and Redis hashes only the part
 * between the first `{` and the next `}` when a key has one. The approval claim script writes the record
 * hash, the pending set and the `<prefix>:intent.approval` stream, whose key has no tag and must keep its
 * name; so the approval keys carry the stream's whole key as their tag, `{<prefix>:intent.approval}`,
 * which hashes exactly like the stream key itself. Reservations (hash, expiry set, fill markers) share the
 * tag `{<prefix>:reservations}`: one slot per desk, so desks on one cluster spread over its shards. An
 * effect's done-mark carries its output stream's whole key as tag (the effect script appends to that
 * stream and sets the mark in one step); a paper order's outcome carries the positions hash's key (the
 * ledger script records the outcome and the position in one step). The aggregate risk book, the trading
 * states and their outbox share the reservations' tag: the set script writes the states and the outbox,
 * the reserve script reads the states with the book. A session and its user's index share `{<prefix>:sessions}`
 * (one transaction writes both); the login-failure counters share `{<prefix>:login_failures}` (one script
 * counts a user and an address). Single-key families (recorded step outcomes, peak, snapshots, the day's start
 * equity, the loss streaks, bus counts, heartbeats) need no tag: a command that reads several of them (the
 * bus counts of several minutes) sends one command per key. See `TRANSACTION_KEYS` for the transactions.
 * A prefix must therefore contain no `{`, or it would become the tag of every key.
 */
export interface KeyTable {
  /** `<prefix>:<name>`: a stream (the wire contract) */
  stream(name: StreamName): string;
  /** `<prefix>:approval:{<prefix>:intent.approval}:<intent_id>`: the hash of one pending-approval record */
  approval(intentId: string): string;
  /** `<prefix>:approvals:{<prefix>:intent.approval}:pending`: pending intent ids scored by expiry (ms) */
  pendingApprovals(): string;
  /** `<prefix>:engine:{<prefix>:reservations}`: intent id → reservation JSON */
  reservations(): string;
  /** `<prefix>:engine:{<prefix>:reservations}:expiry`: intent id scored by expiry (ms) */
  reservationExpiry(): string;
  /** `<prefix>:engine:{<prefix>:reservations}:fill:<fill key>`: a fill already applied to the reservations */
  reservationFill(fillKey: string): string;
  /**
   * `<prefix>:engine:{<prefix>:reservations}:book`: the aggregate risk book, symbol → JSON of its held and
   * reserved quantities and per-unit figures (`scripts/reservation-common.lua`)
   */
  riskBook(): string;
  /** `<prefix>:engine:{<prefix>:reservations}:book_meta`: `seeded`, `fills_after` (newest `order.fill` id applied) */
  riskBookMeta(): string;
  /**
   * `<prefix>:engine:{<prefix>:reservations}:capacity`: the reserve script's shared capacities: order-rate
   * token buckets (`rate:global`, `rate:s:<strategy>`), duplicate marks (`dup:<strategy>|<symbol>|<action>`)
   * and each strategy's live reservations (`res:<strategy>`, for its budget)
   */
  capacity(): string;
  /** `<prefix>:<scope>:<key>`: a recorded step outcome (first writer wins, single key) */
  once(scope: OnceScope, key: string): string;
  /**
   * `<prefix>:done:{<prefix>:<stream>}:<scope>:<key>`: the done-mark of an effect that appended entries to
   * `stream`, in the stream's slot so one script appends and marks
   */
  effectDone(stream: StreamName, scope: OnceScope, key: string): string;
  /** `<prefix>:order:{<prefix>:paper:positions}:<client_order_id>`: a paper order's outcome, in the positions' slot */
  paperOrder(clientOrderId: string): string;
  /** `<prefix>:paper:positions`: the paper exchange's positions, `<strategy>|<symbol>` → JSON */
  paperPositions(): string;
  /** `<prefix>:risk:peak_equity`: the highest equity the risk service has seen */
  peakEquity(): string;
  /**
   * `<prefix>:risk:{<prefix>:reservations}:trading_state`: the trading state per scope, fields `global`,
   * `strategy:<strategy_id>`, `underlying:<BTC|ETH>` → JSON `{state, previous, reason, changed_by, since}`
   * (a missing field is ACTIVE). In the reservations' slot because the reserve script reads it atomically.
   */
  tradingState(): string;
  /**
   * `<prefix>:risk:{<prefix>:reservations}:trading_state:outbox`: trading-state events written with their
   * change and not yet appended to `risk.trading_state` (field `seq`: the change counter; `<n>` → event JSON)
   */
  tradingStateOutbox(): string;
  /** `<prefix>:snapshot:<owner>`: a service's state snapshot and the stream entry ids it covers */
  snapshot(owner: string): string;
  /** `<prefix>:risk:day_start_equity:<YYYY-MM-DD>`: the equity at the start of a UTC day (first writer wins) */
  dayStartEquity(day: string): string;
  /** `<prefix>:risk:loss_streaks`: each strategy's losing closed trades in a row and cooldown */
  lossStreaks(): string;
  /**
   * `<prefix>:session:{<prefix>:sessions}:<sha256 of the session id>`: one sign-in session (JSON: username,
   * created and last seen), expiring with it; the id itself (the cookie value) is never stored. Tagged with
   * the users' session indexes: a session and its index entry are written in one transaction.
   */
  session(idHash: string): string;
  /**
   * `<prefix>:user_sessions:{<prefix>:sessions}:<username>`: the id hashes of a user's sessions (ended together
   * on disable), in the sessions' slot
   */
  userSessions(username: string): string;
  /**
   * `<prefix>:login_failures:{<prefix>:login_failures}:<subject>:<window>`: failed sign-ins of one subject
   * (`user:<name>` or `addr:<remote address>`) in one fixed one-minute window (epoch minute); one tag for every
   * subject, since one script checks and counts a user and an address together
   */
  loginFailures(subject: string, window: number): string;
  /** `<prefix>:dlq_handled`: how admins handled dead letters, dlq entry id → JSON `{action, by, at, …}` */
  deadLettersHandled(): string;
  /**
   * `<prefix>:bus_counts:<epoch minute>`: the bus's counters of one minute, fields `<stream>|<group>|handled`
   * and `<stream>|<group>|failed` (HINCRBY by every consumer of every process), expiring after two hours
   */
  busCounts(minute: number): string;
  /**
   * `<prefix>:bus_totals`: the bus's counters since the start, never expiring, fields `<stream>|<group>|handled`,
   * `|failed`, `|dead_lettered`, `|bucket:<le>` (handler calls per duration bucket) and `|duration_us`
   * (HINCRBY with the minute's counters; read by `/metrics`)
   */
  busTotals(): string;
  /**
   * `<prefix>:services`: the heartbeats of the service processes, field `<service>@<host>:<pid>` → JSON
   * `{service, host, pid, started_at, last_beat, last_activity, stopped_at}`
   */
  services(): string;
  /**
   * `<prefix>:alert_acks`: who acknowledged which raise of a risk alert, `<raise entry id>|<alert key>` →
   * JSON `{by, at}` (first writer wins, HSETNX)
   */
  alertAcks(): string;
  /**
   * `<prefix>:lease:<name>`: which process holds one partition of a service (a strategy instance, an
   * underlying, a singleton), its holder id, expiring unless renewed (single key)
   */
  lease(name: string): string;
  /** `<prefix>:lease_members:<group>`: the live processes of one service, holder id scored by expiry (ms, Redis time) */
  leaseMembers(group: string): string;
}

/**
 * The namespaces of effect-once marks: the engine's effects (`engine:intent:<id>`, `engine:decision:<id>`,
 * …), option execution's executed intents (`exec:<intent_id>`) and the paper exchange's client order ids
 * (`order:<client_order_id>`), the decisions of every publisher (`decision:<intent_id>:<status>`:
 * each status at most once per intent, SPEC §3.3), and the trading-state changes (`trading_state:<seq>`:
 * each change's event once on `risk.trading_state`).
 */
export const ONCE_SCOPES = ['engine', 'exec', 'order', 'decision', 'trading_state'] as const;
/** One of {@link ONCE_SCOPES}. */
export type OnceScope = (typeof ONCE_SCOPES)[number];

/** The stream key `<prefix>:<name>`. */
export const streamKey = (prefix: string, name: StreamName): string => `${prefix}:${name}`;

/** The key table of one prefix. */
export function keyTable(prefix: string): KeyTable {
  const approvalTag = `{${streamKey(prefix, 'intent.approval')}}`;
  const reservations = `${prefix}:engine:{${prefix}:reservations}`;
  const sessionTag = `{${prefix}:sessions}`;
  return {
    stream: (name) => streamKey(prefix, name),
    approval: (intentId) => `${prefix}:approval:${approvalTag}:${intentId}`,
    pendingApprovals: () => `${prefix}:approvals:${approvalTag}:pending`,
    reservations: () => reservations,
    reservationExpiry: () => `${reservations}:expiry`,
    reservationFill: (fillKey) => `${reservations}:fill:${fillKey}`,
    riskBook: () => `${reservations}:book`,
    riskBookMeta: () => `${reservations}:book_meta`,
    capacity: () => `${reservations}:capacity`,
    once: (scope, key) => `${prefix}:${scope}:${key}`,
    effectDone: (stream, scope, key) => `${prefix}:done:{${streamKey(prefix, stream)}}:${scope}:${key}`,
    paperOrder: (clientOrderId) => `${prefix}:order:{${prefix}:paper:positions}:${clientOrderId}`,
    paperPositions: () => `${prefix}:paper:positions`,
    peakEquity: () => `${prefix}:risk:peak_equity`,
    tradingState: () => `${prefix}:risk:{${prefix}:reservations}:trading_state`,
    tradingStateOutbox: () => `${prefix}:risk:{${prefix}:reservations}:trading_state:outbox`,
    snapshot: (owner) => `${prefix}:snapshot:${owner}`,
    dayStartEquity: (day) => `${prefix}:risk:day_start_equity:${day}`,
    lossStreaks: () => `${prefix}:risk:loss_streaks`,
    session: (idHash) => `${prefix}:session:${sessionTag}:${idHash}`,
    userSessions: (username) => `${prefix}:user_sessions:${sessionTag}:${username}`,
    loginFailures: (subject, window) =>
      `${prefix}:login_failures:{${prefix}:login_failures}:${subject}:${window}`,
    deadLettersHandled: () => `${prefix}:dlq_handled`,
    busCounts: (minute) => `${prefix}:bus_counts:${minute}`,
    busTotals: () => `${prefix}:bus_totals`,
    services: () => `${prefix}:services`,
    alertAcks: () => `${prefix}:alert_acks`,
    lease: (name) => `${prefix}:lease:${name}`,
    leaseMembers: (group) => `${prefix}:lease_members:${group}`,
  };
}

/**
 * The keys each Lua script receives, in `KEYS` order. The stores pass exactly these, and the key table
 * test checks that each set lands in one cluster slot.
 */
export const SCRIPT_KEYS = {
  approvalCreate: (keys: KeyTable, intentId: string) => [keys.approval(intentId), keys.pendingApprovals()],
  approvalClaim: (keys: KeyTable, intentId: string) => [
    keys.approval(intentId),
    keys.pendingApprovals(),
    keys.stream('intent.approval'),
  ],
  approvalExpire: (keys: KeyTable, intentId: string) => [keys.approval(intentId), keys.pendingApprovals()],
  approvalMarkDone: (keys: KeyTable, intentId: string) => [keys.approval(intentId), keys.pendingApprovals()],
  // The reservation scripts share KEYS[1..3] (reservations, expiry, book): the prelude's prune reads them
  reservationList: (keys: KeyTable) => [keys.reservations(), keys.reservationExpiry(), keys.riskBook()],
  reservationBook: (keys: KeyTable) => [
    keys.reservations(),
    keys.reservationExpiry(),
    keys.riskBook(),
    keys.tradingState(),
    keys.riskBookMeta(),
  ],
  reservationReserve: (keys: KeyTable) => [
    keys.reservations(),
    keys.reservationExpiry(),
    keys.riskBook(),
    keys.tradingState(),
    keys.capacity(),
  ],
  reservationRelease: (keys: KeyTable) => [keys.reservations(), keys.reservationExpiry(), keys.riskBook()],
  reservationFill: (keys: KeyTable, fillKey: string) => [
    keys.reservations(),
    keys.reservationExpiry(),
    keys.riskBook(),
    keys.riskBookMeta(),
    keys.reservationFill(fillKey),
    keys.capacity(),
  ],
  reservationSeed: (keys: KeyTable) => [
    keys.reservations(),
    keys.reservationExpiry(),
    keys.riskBook(),
    keys.riskBookMeta(),
    keys.capacity(),
  ],
  // The defaults only serve the probes that call every entry with (keys, id); the store passes all four
  // eslint-disable-next-line max-params -- as above
  effectAppend: (
    keys: KeyTable,
    key: string,
    stream: StreamName = 'intent.approval',
    scope: OnceScope = 'decision',
  ) => [keys.effectDone(stream, scope, key), keys.stream(stream)],
  ledgerBook: (keys: KeyTable, clientOrderId: string) => [
    keys.paperOrder(clientOrderId),
    keys.paperPositions(),
  ],
  tradingStateSet: (keys: KeyTable) => [keys.tradingState(), keys.tradingStateOutbox()],
  lossStreakRecord: (keys: KeyTable) => [keys.lossStreaks()],
  leaseHold: (keys: KeyTable, name: string) => [keys.lease(name)],
  leaseRelease: (keys: KeyTable, name: string) => [keys.lease(name)],
  leaseJoin: (keys: KeyTable, group: string) => [keys.leaseMembers(group)],
} as const satisfies Record<string, (keys: KeyTable, id: string) => string[]>;

/**
 * The keys of each transaction (MULTI) and inline script of the stores that spans several keys: like
 * {@link SCRIPT_KEYS}, the stores build them here and the key table test checks one slot per set. Transactions
 * on one key (alert acks, dead-letter claims) are not listed. The bus's dead-letter step (XADD to `dlq`, XACK
 * of the source stream) cannot share a slot, since stream names are the wire contract: on a cluster it is two
 * steps (`bus/redis-consumer.ts`).
 */
export const TRANSACTION_KEYS = {
  /** `sessions.create`: SET the session, SADD and PEXPIRE its user's index */
  sessionCreate: (keys: KeyTable, idHash: string, username: string): [string, string] => [
    keys.session(idHash),
    keys.userSessions(username),
  ],
  /** `loginFailures.count/reserve/release`: MGET or one script over the counters of every subject of an attempt */
  loginFailures: (keys: KeyTable, subjects: readonly string[], window: number): string[] =>
    subjects.map((subject) => keys.loginFailures(subject, window)),
} as const;

/** The name of a Lua script, one `.lua` file each under `stores/scripts/`. */
export type ScriptName = keyof typeof SCRIPT_KEYS;

/**
 * Every key family of {@link KeyTable} (the compiler keeps this list complete) and the scripts that touch
 * it; a family no script touches is only read and written by single-key commands.
 */
/** The reservation scripts: each touches the reservations, their expiry and the risk book (the prelude's prune). */
const RESERVATION_SCRIPTS = [
  'reservationList',
  'reservationBook',
  'reservationReserve',
  'reservationRelease',
  'reservationFill',
  'reservationSeed',
] as const satisfies readonly ScriptName[];

export const KEY_FAMILIES = {
  stream: ['approvalClaim', 'effectAppend'],
  approval: ['approvalCreate', 'approvalClaim', 'approvalExpire', 'approvalMarkDone'],
  pendingApprovals: ['approvalCreate', 'approvalClaim', 'approvalExpire', 'approvalMarkDone'],
  reservations: RESERVATION_SCRIPTS,
  reservationExpiry: RESERVATION_SCRIPTS,
  reservationFill: ['reservationFill'],
  riskBook: RESERVATION_SCRIPTS,
  riskBookMeta: ['reservationBook', 'reservationFill', 'reservationSeed'],
  capacity: ['reservationReserve', 'reservationFill', 'reservationSeed'],
  once: [],
  effectDone: ['effectAppend'],
  paperOrder: ['ledgerBook'],
  paperPositions: ['ledgerBook'],
  peakEquity: [],
  tradingState: ['tradingStateSet', 'reservationBook', 'reservationReserve'],
  tradingStateOutbox: ['tradingStateSet'],
  snapshot: [],
  dayStartEquity: [],
  lossStreaks: ['lossStreakRecord'],
  session: [],
  userSessions: [],
  loginFailures: [],
  deadLettersHandled: [],
  busCounts: [],
  busTotals: [],
  services: [],
  alertAcks: [],
  lease: ['leaseHold', 'leaseRelease'],
  leaseMembers: ['leaseJoin'],
} as const satisfies Record<keyof KeyTable, readonly ScriptName[]>;

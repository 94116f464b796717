import type { Bus } from '../../bus/bus.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUntilDone } from '../../lib/retry.ts';
import type { OrderLedger } from '../../stores/ledger/order-ledger.ts';
import type { ReservationStore } from '../../stores/reservations/reservation-store.ts';
import type { SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import { coinOf } from './core/book-math.ts';
import { loadSnapshot, warnOnTrimmed } from '../snapshotting.ts';
import { ENGINE_SNAPSHOT_FORMAT, ENGINE_SNAPSHOT_OWNER, type EngineState } from './engine-state.ts';
import type { StateHandler, StateTails } from './state-tails.ts';

/** Newest entries of the latest-wins streams read at start: marks and surfaces, not a fold. */
const MARKET_WARM_UP = { ticks: 200, surfaces: 20 } as const;

/** What the restore needs. */
export interface StateRestoreDeps {
  bus: Bus;
  snapshots: SnapshotStore;
  log: Logger;
  /** Aborted when the engine closes: stops the retries */
  signal: AbortSignal;
  /** Where the restored state goes */
  state: EngineState;
  /** The tails the state streams are followed in */
  tails: StateTails;
  /** The risk book (seeded from the ledger once per desk) and the paper ledger */
  reservations: ReservationStore;
  ledger: OrderLedger;
  nowMs: () => number;
}

/**
 * Seeds the risk book's held quantities once per desk (the first start that finds it unseeded): the
 * paper exchange's account quantities and the newest `order.fill` entry, after which every fill is
 * applied once. Returns the entry the book's fills cover: the fill tail starts after it. (A fill booked
 * by the exchange while this runs may be counted twice or missed: seed a desk that is not trading.)
 */
export async function seedRiskBook(deps: StateRestoreDeps): Promise<string> {
  const { bus, log, signal, reservations } = deps;
  const book = await retryUntilDone(() => reservations.book(deps.nowMs()), {
    log,
    what: 'reading the risk book',
    signal,
  });
  if (book.fillsAfter !== null) return book.fillsAfter;
  const [newest, positions] = await retryUntilDone(
    () => Promise.all([bus.latest('order.fill', 1), deps.ledger.loadPositions()]),
    { log, what: 'reading the account to seed the risk book', signal },
  );
  const held: Record<string, { coin: string; quantity: number; mark: number }> = {};
  const byStrategy: Record<string, Record<string, number>> = {};
  for (const p of positions) {
    const h = (held[p.symbol] ??= { coin: coinOf(p.symbol), quantity: 0, mark: p.avgPrice });
    h.quantity += p.quantity;
    const mine = (byStrategy[p.strategyId] ??= {});
    mine[p.symbol] = (mine[p.symbol] ?? 0) + p.quantity;
  }
  const fillsAfter = newest[0]?.id ?? '0-0';
  if (await reservations.seed({ fillsAfter, held, byStrategy }))
    log.info('risk book seeded', { fills_after: fillsAfter, instruments: Object.keys(held).length });
  return (await reservations.book(deps.nowMs())).fillsAfter ?? fillsAfter;
}

/** Where each state stream's entries go. */
export interface StateHandlers {
  /** Applies the update to the state (with its entry id) */
  position: StateHandler<'position.update'>;
  /** Applies the fill to the risk book (held, and its reservation), once per fill */
  fill: StateHandler<'order.fill'>;
  decision: StateHandler<'intent.decision'>;
  /** Applies a macro state (and lets the approval policy act on its level) */
  macro: StateHandler<'market.macro_state'>;
  /** Called after each `portfolio.risk` of the tail is applied (the day's start equity) */
  risk: StateHandler<'portfolio.risk'>;
}

/**
 * Restores the engine's state and starts its tails: positions from the engine snapshot, then every
 * `position.update` after the entry it covers (the whole stream when there is no valid snapshot), never a
 * window of the newest entries; equity from the newest `portfolio.risk`; marks and surfaces from the
 * newest market entries and the approval policy's macro state from the newest `market.macro_state`
 * (latest wins). Decisions only move the shared reservations (durable in Redis), so their tail starts at
 * the newest entry; fills start after the newest one the risk book has applied. Retries while Redis does
 * not answer.
 */
export async function restoreEngineState(
  deps: StateRestoreDeps,
  handlers: StateHandlers,
): Promise<{ snapshotId: string | null }> {
  const { bus, log, signal, state, tails } = deps;
  const snapshot = await loadSnapshot(deps, ENGINE_SNAPSHOT_OWNER, ENGINE_SNAPSHOT_FORMAT);
  const positionsAfter = snapshot?.covers['position.update'] ?? '0-0';
  if (snapshot) state.restorePositions(snapshot.state, positionsAfter);
  await warnOnTrimmed(deps, ENGINE_SNAPSHOT_OWNER, { 'position.update': positionsAfter });
  const read = () =>
    Promise.all([
      bus.latest('portfolio.risk', 1),
      bus.latest('market.tick', MARKET_WARM_UP.ticks),
      bus.latest('market.vol_surface', MARKET_WARM_UP.surfaces),
      bus.latest('intent.decision', 1),
      bus.latest('market.macro_state', 1),
    ]);
  const [risk, ticks, surfaces, decisions, macro] = await retryUntilDone(read, {
    log,
    what: 'reading the newest state entries',
    signal,
  });
  for (const e of risk) state.applyPortfolioRisk(e.message);
  for (const e of [...ticks].reverse()) state.applyTick(e.message);
  for (const e of [...surfaces].reverse()) state.applySurface(e.message);
  for (const e of macro) state.applyMacroState(e.message);
  const after = (newest: readonly { id: string }[]) => newest[0]?.id ?? '0-0';
  tails.follow('market.tick', after(ticks), (m) => state.applyTick(m));
  tails.follow('market.vol_surface', after(surfaces), (m) => state.applySurface(m));
  tails.follow('position.update', positionsAfter, handlers.position);
  tails.follow('portfolio.risk', after(risk), async (m, e) => {
    state.applyPortfolioRisk(m);
    await handlers.risk(m, e);
  });
  // A tail has no redelivery: a fill or a release that failed on a Redis error would be skipped by every
  // engine alike and leave its quantity neither held nor reserved, so these two retry until applied
  // (both are idempotent: the fill's once-marker, a release of a gone reservation).
  const untilApplied =
    <TName extends 'order.fill' | 'intent.decision'>(what: string, handler: StateHandler<TName>) =>
    (m: Parameters<StateHandler<TName>>[0], e: Parameters<StateHandler<TName>>[1]) =>
      retryUntilDone(async () => handler(m, e), { log, what, signal });
  tails.follow('intent.decision', after(decisions), untilApplied('applying a decision', handlers.decision));
  tails.follow('market.macro_state', after(macro), handlers.macro);
  tails.follow('order.fill', await seedRiskBook(deps), untilApplied('applying a fill', handlers.fill));
  return { snapshotId: snapshot ? positionsAfter : null };
}

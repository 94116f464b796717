import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS, type KeyTable } from '../../keys/key-table.ts';
import { scriptsOf, type Scripts } from '../scripts/scripts.ts';
import { coinOf, optionTypeOf } from './option-type.ts';
import type {
  BookEntry,
  BookFill,
  BookSeed,
  FillResult,
  ReservationStore,
  ReserveRequest,
  ReserveResult,
  RiskBookView,
  StoredReservation,
} from './reservation-store.ts';
import type { TradingState } from '@gamma/shared';
import {
  entryFromWire,
  finite,
  fromWire,
  reservePayload,
  reserveReplyFromWire,
  stateFromWire,
} from './reservation-wire.ts';
import { InfrastructureError } from '../../errors/index.ts';

/** A fill marker outlives any reservation it could still shrink. */
const FILL_MARKER_TTL_S = 24 * 3600;

/** `[k1, v1, k2, v2, …]` → pairs. */
const pairsOf = (flat: readonly string[]): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return out;
};

/**
 * The aggregate risk book and the reservations in Redis, shared by every engine process of a prefix: the
 * reservations hash and expiry set, the book hash (symbol → held, reserved, per-unit figures), its meta,
 * the fill markers and the trading states, all under one hash tag (`keys/key-table.ts`). Every step is a
 * Lua script (`scripts/reservation-*.lua`, `scripts/risk-check-*.lua`), so engines sharing the `engine`
 * group cannot both take the last unit of a limit, and a fill moves quantity from reserved to held in one
 * step.
 */
export class RedisReservationStore implements ReservationStore {
  private readonly keys: KeyTable;
  private readonly scripts: Scripts;

  constructor(redis: RedisClient, prefix: string) {
    this.keys = keyTable(prefix);
    this.scripts = scriptsOf(redis);
  }

  async book(nowMs: number): Promise<RiskBookView> {
    const reply = await this.scripts.reservationBook(SCRIPT_KEYS.reservationBook(this.keys), [nowMs]);
    if (!Array.isArray(reply)) throw new InfrastructureError(`risk book: unexpected reply ${String(reply)}`);
    const [book, states, fillsAfter] = reply as [string[], string[], string | null];
    const entries: Record<string, BookEntry> = {};
    for (const [symbol, json] of pairsOf(book)) entries[symbol] = entryFromWire(json);
    const tradingStates: Record<string, TradingState> = {};
    for (const [field, json] of pairsOf(states)) tradingStates[field] = stateFromWire(json);
    return { entries, tradingStates, fillsAfter: typeof fillsAfter === 'string' ? fillsAfter : null };
  }

  async list(nowMs: number): Promise<StoredReservation[]> {
    const reply = await this.scripts.reservationList(SCRIPT_KEYS.reservationList(this.keys), [nowMs]);
    if (!Array.isArray(reply))
      throw new InfrastructureError(`reservation list: unexpected reply ${String(reply)}`);
    return (reply as string[]).map(fromWire);
  }

  /** Throws on non-finite figures before touching Redis. */
  async tryReserve(
    request: ReserveRequest,
    nowMs: number,
    options: { reserve: boolean },
  ): Promise<ReserveResult> {
    const payload = reservePayload(request);
    const keys = SCRIPT_KEYS.reservationReserve(this.keys);
    const reply = await this.scripts.reservationReserve(keys, [nowMs, payload, options.reserve ? '1' : '0']);
    if (typeof reply !== 'string')
      throw new InfrastructureError(`reservation reserve: unexpected reply ${String(reply)}`);
    return reserveReplyFromWire(reply);
  }

  async release(intentId: string): Promise<boolean> {
    const keys = SCRIPT_KEYS.reservationRelease(this.keys);
    return (await this.scripts.reservationRelease(keys, [intentId])) === 1;
  }

  /** Once per `fillKey` for every engine process of the prefix (a marker set in the same script). */
  async fill(
    fill: BookFill,
    options: { nowMs: number; ttlMs: number; markerTtlS?: number },
  ): Promise<FillResult> {
    const reply = await this.scripts.reservationFill(SCRIPT_KEYS.reservationFill(this.keys, fill.fillKey), [
      options.nowMs,
      fill.intentId ?? '',
      fill.symbol,
      coinOf(fill.symbol),
      optionTypeOf(fill.symbol) ?? '',
      finite(fill.quantity, 'fill quantity'),
      finite(fill.price, 'fill price'),
      Math.max(1, Math.round(options.markerTtlS ?? FILL_MARKER_TTL_S)),
      options.ttlMs,
      fill.entryId ?? '',
      fill.strategyId,
    ]);
    if (reply === 'APPLIED' || reply === 'REPEATED' || reply === 'HELD') return reply;
    throw new InfrastructureError(`reservation fill: unexpected reply ${String(reply)}`);
  }

  async seed(seed: BookSeed): Promise<boolean> {
    for (const [symbol, h] of Object.entries(seed.held)) finite(h.quantity, `${symbol} seed quantity`);
    const reply = await this.scripts.reservationSeed(SCRIPT_KEYS.reservationSeed(this.keys), [
      JSON.stringify({ fills_after: seed.fillsAfter, held: seed.held, by_strategy: seed.byStrategy }),
    ]);
    return reply === 1;
  }
}

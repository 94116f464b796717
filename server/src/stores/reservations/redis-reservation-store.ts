import type { Redis } from 'ioredis';
import { keyTable, SCRIPT_KEYS, type KeyTable } from '../../keys/key-table.ts';
import { scriptsOf, type Scripts } from '../scripts/scripts.ts';
import { optionTypeOf } from './option-type.ts';
import type {
  FillResult,
  ReservationFill,
  ReservationStore,
  ReserveRequest,
  ReserveResult,
  ReservedCheck,
  StoredReservation,
} from './reservation-store.ts';
import { finite, fromWire, reservePayload } from './reservation-wire.ts';
import { InfrastructureError } from '../../errors/index.ts';

/** A fill marker outlives any reservation it could still shrink. */
const FILL_MARKER_TTL_S = 24 * 3600;

/** The checks `reservation-reserve.lua` can name. */
const RESERVED_CHECKS: readonly ReservedCheck[] = [
  'max_position_size',
  'single_position_share',
  'gross_leverage',
  'position_ratio',
];

const isReservedCheck = (x: string): x is ReservedCheck => (RESERVED_CHECKS as readonly string[]).includes(x);

/**
 * Reservations of approved-but-unfilled intents in Redis, shared by every engine process of a prefix:
 * a hash (intent id → JSON), a sorted set (intent id → expiry ms) and one marker per applied fill, all
 * under one hash tag (`keys/key-table.ts`). Check-and-reserve, release and fills are Lua scripts
 * (`scripts/reservation-*.lua`), so engines sharing the `engine` group cannot both take the last unit of a
 * limit.
 */
export class RedisReservationStore implements ReservationStore {
  private readonly keys: KeyTable;
  private readonly scripts: Scripts;

  constructor(redis: Redis, prefix: string) {
    this.keys = keyTable(prefix);
    this.scripts = scriptsOf(redis);
  }

  async list(nowMs: number): Promise<StoredReservation[]> {
    const reply = await this.scripts.reservationList(SCRIPT_KEYS.reservationList(this.keys), [nowMs]);
    if (!Array.isArray(reply))
      throw new InfrastructureError(`reservation list: unexpected reply ${String(reply)}`);
    return (reply as string[]).map(fromWire);
  }

  /**
   * Atomic: re-evaluates the reservation-dependent limits on the account figures, every live reservation
   * and this one, and reserves only if they all pass (an earlier reservation of the same intent is
   * replaced). Throws on non-finite figures before touching Redis.
   */
  async reserve(request: ReserveRequest, nowMs: number): Promise<ReserveResult> {
    const payload = reservePayload(request);
    const keys = SCRIPT_KEYS.reservationReserve(this.keys);
    const reply = await this.scripts.reservationReserve(keys, [nowMs, payload]);
    if (!Array.isArray(reply))
      throw new InfrastructureError(`reservation reserve: unexpected reply ${String(reply)}`);
    const [code, failed, ...live] = reply as string[];
    if (code === 'OK') return { ok: true };
    if (code !== 'FAILED' || failed === undefined)
      throw new InfrastructureError(`reservation reserve: unexpected reply ${String(code)}`);
    return {
      ok: false,
      failed: failed.split(',').filter(isReservedCheck),
      reservations: live.map(fromWire),
    };
  }

  /** The script checks the limits itself, on what is live at that instant: the engine's snapshot is not needed. */
  tryReserve(
    request: ReserveRequest,
    _seen: readonly StoredReservation[],
    nowMs: number,
  ): Promise<ReserveResult> {
    return this.reserve(request, nowMs);
  }

  async release(intentId: string): Promise<boolean> {
    const keys = SCRIPT_KEYS.reservationRelease(this.keys);
    return (await this.scripts.reservationRelease(keys, [intentId])) === 1;
  }

  /** Once per `fillKey` for every engine process of the prefix (a marker set in the same script). */
  async fill(
    fill: ReservationFill,
    options: { nowMs: number; ttlMs: number; markerTtlS?: number },
  ): Promise<FillResult> {
    const reply = await this.scripts.reservationFill(SCRIPT_KEYS.reservationFill(this.keys, fill.fillKey), [
      options.nowMs,
      fill.intentId,
      fill.symbol,
      optionTypeOf(fill.symbol) ?? '',
      Math.abs(finite(fill.quantity, 'fill quantity')),
      Math.max(1, Math.round(options.markerTtlS ?? FILL_MARKER_TTL_S)),
      options.ttlMs,
    ]);
    if (reply === 'APPLIED' || reply === 'REPEATED' || reply === 'NO_MATCH') return reply;
    throw new InfrastructureError(`reservation fill: unexpected reply ${String(reply)}`);
  }
}

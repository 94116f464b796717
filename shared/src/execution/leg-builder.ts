import { isOptionAction, type OptionAction } from '../actions.ts';
import type { ReasonCode } from '../reason-codes.ts';
import type { Side } from '../messages/common.ts';
import type { OptionChainData } from '../messages/option-chain-data.ts';
import type { VolatilitySurfaceEvent } from '../messages/volatility-surface-event.ts';
import { formatOptionSymbol } from '../symbols.ts';
import { isPositive, nearestStrike, rowDelta, selectLiveExpiry, selectStrangleRow } from './leg-selection.ts';

/** Codes a leg build can fail with (SPEC §5.4, §7). */
export type LegBuildFailureCode = Extract<
  ReasonCode,
  | 'NO_SURFACE'
  | 'SURFACE_STALE'
  | 'NO_LIVE_EXPIRY'
  | 'NO_OTM_STRIKE'
  | 'NO_QUOTE'
  | 'INVALID_QUANTITY'
  | 'UNKNOWN_ACTION'
>;

/** One option leg of a straddle or strangle. */
export interface OptionLeg {
  /** 0 = the call, 1 = the put */
  leg: 0 | 1;
  /** Option symbol (SPEC §3.1), e.g. `BTC-20261225-100000-C` */
  symbol: string;
  option_type: 'call' | 'put';
  /** USD */
  strike: number;
  /** `YYYY-MM-DD`, expires 08:00 UTC */
  expiry: string;
  /** Side of the action (`buy_*` → buy) */
  side: Side;
  /** Options on one coin (= structures of the intent) */
  quantity: number;
  /** USD per option */
  bid: number;
  /** USD per option */
  ask: number;
  /** (bid + ask) / 2, USD per option: the leg's mark */
  mid: number;
  /** Limit price: ask × (1 + buffer) for buys, bid × (1 − buffer) for sells, USD */
  limit_price: number;
  /** Mid implied vol of the row */
  iv: number;
  /** Forward of the expiry, USD */
  forward: number;
  /** Venue delta (coins per option): the chain's Greeks, else Black-76 at the row's IV */
  delta: number | null;
}

/** A built structure: leg 0 the call, leg 1 the put. */
export interface OptionLegs {
  structure: 'straddle' | 'strangle';
  expiry: string;
  forward: number;
  /** Spot used for notionals: surface `spot_price`, else the fallback spot, else the forward */
  spot: number;
  legs: [OptionLeg, OptionLeg];
}

/** Outcome of {@link buildOptionLegs}. */
export type LegBuildResult =
  { ok: true; value: OptionLegs } | { ok: false; code: LegBuildFailureCode; reason: string };

/** Input of {@link buildOptionLegs}. */
export interface LegBuildInput {
  /** One of the four option actions */
  action: string;
  /** Structures; must be finite and > 0 */
  quantity: number;
  /** Latest surface of the underlying, or null */
  surface: VolatilitySurfaceEvent | null;
  /** Now, epoch ms */
  nowMs: number;
  /** `EXEC_MIN_EXPIRY_H`: the expiry must be at least this many hours away (24) */
  minExpiryHours: number;
  /** `EXEC_STRANGLE_DELTA`: target |delta| of strangle legs (0.25) */
  strangleDelta: number;
  /** `EXEC_PRICE_BUFFER_PCT` as a decimal (0.01) */
  priceBufferPct: number;
  /** `EXEC_SURFACE_MAX_AGE_S`; null skips the staleness check (valuation on the latest surface) */
  maxSurfaceAgeS: number | null;
  /** Latest tick price of the underlying: the forward when the surface has neither forwards nor spot */
  fallbackSpot?: number | null;
}

const fail = (code: LegBuildFailureCode, reason: string): LegBuildResult => ({ ok: false, code, reason });

/** The side of an option action: `buy_*` → buy, `sell_*` → sell. */
export const sideOfOptionAction = (action: OptionAction): Side =>
  action.startsWith('buy_') ? 'buy' : 'sell';

/** The structure of an option action. */
export const structureOfOptionAction = (action: OptionAction): 'straddle' | 'strangle' =>
  action.endsWith('_straddle') ? 'straddle' : 'strangle';

interface LegSpec {
  row: OptionChainData | undefined;
  index: 0 | 1;
  type: 'call' | 'put';
  strike: number;
  expiry: string;
  side: Side;
  forward: number;
}

function toLeg(spec: LegSpec, input: LegBuildInput): OptionLeg | string {
  const { row, index, type, strike, expiry, side, forward } = spec;
  const label = `${type} ${strike} ${expiry}`;
  if (!row) return `no ${label} listed`;
  if (!isPositive(row.bid) || !isPositive(row.ask)) return `${label}: bid ${row.bid} / ask ${row.ask}`;
  const base = row.symbol ?? '';
  const symbol =
    base !== ''
      ? base
      : formatOptionSymbol({
          base: (row.underlying.split('/')[0] ?? row.underlying).toUpperCase(),
          expiry,
          strike,
          optionType: type,
        });
  return {
    leg: index,
    symbol,
    option_type: type,
    strike,
    expiry,
    side,
    quantity: input.quantity,
    bid: row.bid,
    ask: row.ask,
    mid: (row.bid + row.ask) / 2,
    limit_price: side === 'buy' ? row.ask * (1 + input.priceBufferPct) : row.bid * (1 - input.priceBufferPct),
    iv: row.implied_volatility,
    forward,
    delta: rowDelta(row, forward, input.nowMs),
  };
}

/**
 * The leg rule of SPEC §7, pure: surface (none → NO_SURFACE, too old → SURFACE_STALE), the earliest
 * expiry at least `minExpiryHours` away (NO_LIVE_EXPIRY), forward F = forwards[expiry] ?? spot_price ??
 * fallbackSpot, the ATM strike nearest F (lower on a tie), straddle legs at ATM or strangle legs by
 * delta (NO_OTM_STRIKE), quantity > 0 (INVALID_QUANTITY), quotes bid, ask > 0 (NO_QUOTE), limit prices
 * with the buffer. Leg 0 is the call, leg 1 the put; both take the side of the action.
 */
export function buildOptionLegs(input: LegBuildInput): LegBuildResult {
  const { action, surface, nowMs } = input;
  if (!isOptionAction(action)) return fail('UNKNOWN_ACTION', `not an option action: ${action}`);
  if (!surface) return fail('NO_SURFACE', 'no volatility surface for the underlying');
  if (input.maxSurfaceAgeS !== null) {
    const ageS = (nowMs - Date.parse(surface.timestamp)) / 1000;
    if (!(ageS <= input.maxSurfaceAgeS)) {
      return fail('SURFACE_STALE', `surface is ${ageS.toFixed(1)} s old > ${input.maxSurfaceAgeS} s`);
    }
  }
  const rows = surface.surface_data;
  const expiry = selectLiveExpiry(rows, nowMs, input.minExpiryHours);
  if (expiry === null) return fail('NO_LIVE_EXPIRY', `no expiry at least ${input.minExpiryHours} h away`);
  const forward = [surface.forwards?.[expiry], surface.spot_price, input.fallbackSpot].find(isPositive);
  if (forward === undefined) return fail('NO_SURFACE', `no forward, spot or tick for ${surface.underlying}`);
  const spot = [surface.spot_price, input.fallbackSpot, forward].find(isPositive) ?? forward;
  const chain = rows.filter((r) => r.expiry === expiry);
  const side = sideOfOptionAction(action);
  const structure = structureOfOptionAction(action);

  let callRow: OptionChainData | undefined;
  let putRow: OptionChainData | undefined;
  let callStrike: number;
  let putStrike: number;
  if (structure === 'straddle') {
    const atm = nearestStrike([...new Set(chain.map((r) => r.strike))], forward);
    if (atm === null) return fail('NO_LIVE_EXPIRY', `no strikes listed for ${expiry}`);
    callStrike = atm;
    putStrike = atm;
    callRow = chain.find((r) => r.option_type === 'call' && r.strike === atm);
    putRow = chain.find((r) => r.option_type === 'put' && r.strike === atm);
  } else {
    const at = { forward, target: input.strangleDelta, nowMs };
    const call = selectStrangleRow(chain, 'call', at);
    const put = selectStrangleRow(chain, 'put', at);
    if (!call) return fail('NO_OTM_STRIKE', `no call strike above F ${forward} for ${expiry}`);
    if (!put) return fail('NO_OTM_STRIKE', `no put strike below F ${forward} for ${expiry}`);
    callRow = call;
    putRow = put;
    callStrike = call.strike;
    putStrike = put.strike;
  }
  if (!Number.isFinite(input.quantity) || input.quantity <= 0) {
    return fail('INVALID_QUANTITY', `quantity ${input.quantity} is not > 0`);
  }
  const call = toLeg(
    { row: callRow, index: 0, type: 'call', strike: callStrike, expiry, side, forward },
    input,
  );
  if (typeof call === 'string') return fail('NO_QUOTE', call);
  const put = toLeg({ row: putRow, index: 1, type: 'put', strike: putStrike, expiry, side, forward }, input);
  if (typeof put === 'string') return fail('NO_QUOTE', put);
  return { ok: true, value: { structure, expiry, forward, spot, legs: [call, put] } };
}

import type { Side } from '@gamma/shared';
import { expiryInstantMs, parseOptionSymbol, underlyingOf } from '@gamma/shared';
import type { PaperPosition } from './paper-position.ts';

/** An expiry settlement to book: closes one option position at intrinsic value. */
export interface Settlement {
  strategyId: string;
  symbol: string;
  side: Side;
  quantity: number;
  /** Intrinsic value against spot, USD per option */
  price: number;
  /** `settle-<symbol>-<strategy_id>` */
  clientOrderId: string;
}

/** Intrinsic value of an option against spot. */
export const intrinsicValue = (o: { optionType: 'call' | 'put'; strike: number }, spot: number): number =>
  o.optionType === 'call' ? Math.max(spot - o.strike, 0) : Math.max(o.strike - spot, 0);

/**
 * Open option positions whose expiry (08:00 UTC of the expiry date) is at or before `nowMs`, settled
 * against the spot of their underlying (SPEC §8.1). Positions without a known spot wait.
 */
export function dueSettlements(
  positions: ReadonlyMap<string, { strategyId: string; symbol: string; position: PaperPosition }>,
  nowMs: number,
  spotOf: (underlying: string) => number | null,
): Settlement[] {
  const out: Settlement[] = [];
  for (const { strategyId, symbol, position } of positions.values()) {
    const parsed = parseOptionSymbol(symbol);
    if (!parsed || position.quantity === 0 || expiryInstantMs(parsed.expiry) > nowMs) continue;
    const spot = spotOf(underlyingOf(symbol));
    if (spot === null) continue;
    out.push({
      strategyId,
      symbol,
      side: position.quantity > 0 ? 'sell' : 'buy',
      quantity: Math.abs(position.quantity),
      price: intrinsicValue(parsed, spot),
      clientOrderId: `settle-${symbol}-${strategyId}`,
    });
  }
  return out;
}

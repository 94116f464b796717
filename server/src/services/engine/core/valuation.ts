import { buildOptionLegs, underlyingOf, yearsToExpiry, type StrategyIntentEvent } from '@gamma/shared';
import type { ResolvedTrade } from './intake.ts';
import { marketMark, spotOf, type MarketView } from './market-view.ts';
import { limitPriceOf } from './routing.ts';
import type { ValuedOrder } from './types.ts';

/** The §7 parameters the engine uses to build option legs for valuation. */
export interface ValuationContext {
  market: MarketView;
  nowMs: number;
  /** `EXEC_MIN_EXPIRY_H` */
  minExpiryHours: number;
  /** `EXEC_STRANGLE_DELTA` */
  strangleDelta: number;
  /** `EXEC_PRICE_BUFFER_PCT` */
  priceBufferPct: number;
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Values an order from current marks (SPEC §6.1). Option actions: the legs of §7 from the latest surface
 * (no staleness check here), each with the intent's quantity, mark = leg mid, spot for the notional.
 * Other actions: mark = latest tick mid (options: chain mid), else `metadata.reference_price`; neither →
 * `NO_REFERENCE_PRICE`. Spot = the underlying's tick mid or surface spot, else the mark. Each leg carries
 * the limit price its order will have (option legs: the §7 buffer price, with their row for the vol band;
 * `buy`/`sell`: `metadata.limit_price`; else none, a market order).
 */
export function valueOrder(
  intent: StrategyIntentEvent,
  trade: ResolvedTrade,
  ctx: ValuationContext,
): ValuedOrder {
  const { market, ...params } = ctx;
  if (trade.route === 'execution') {
    const underlying = underlyingOf(intent.symbol);
    const built = buildOptionLegs({
      action: trade.action,
      quantity: trade.quantity,
      surface: market.surfaces[underlying] ?? null,
      nowMs: params.nowMs,
      minExpiryHours: params.minExpiryHours,
      strangleDelta: params.strangleDelta,
      priceBufferPct: params.priceBufferPct,
      maxSurfaceAgeS: null,
      fallbackSpot: market.mids[underlying] ?? null,
    });
    if (!built.ok) {
      return { ok: false, code: 'NO_REFERENCE_PRICE', reason: `${built.code}: ${built.reason}`, sizes: [] };
    }
    const spot = spotOf(underlying, market) ?? built.value.spot;
    return {
      ok: true,
      legs: built.value.legs.map((leg) => ({
        symbol: leg.symbol,
        side: leg.side,
        quantity: leg.quantity,
        mark: leg.mid,
        spot,
        // Option execution prices its legs by the same rule (EXEC_PRICE_BUFFER_PCT beyond the quote)
        limitPrice: leg.limit_price,
        option: {
          optionType: leg.option_type,
          strike: leg.strike,
          forward: leg.forward,
          yearsToExpiry: yearsToExpiry(leg.expiry, params.nowMs),
          iv: leg.iv,
        },
      })),
    };
  }
  const size = { symbol: intent.symbol, side: trade.direction, quantity: trade.quantity };
  const reference = intent.metadata.reference_price;
  const mark = marketMark(intent.symbol, market) ?? (positive(reference) ? reference : null);
  if (mark === null) {
    return {
      ok: false,
      code: 'NO_REFERENCE_PRICE',
      reason: `no tick, surface or reference_price for ${intent.symbol}`,
      sizes: [size],
    };
  }
  const limitPrice = limitPriceOf(intent, trade);
  return { ok: true, legs: [{ ...size, mark, spot: spotOf(intent.symbol, market) ?? mark, limitPrice }] };
}

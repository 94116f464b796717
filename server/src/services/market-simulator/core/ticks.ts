import type { StreamInput } from '@gamma/shared';
import { utcDate } from './expiry-calendar.ts';

/** A `market.tick` message as the simulator writes it. */
export type TickMessage = StreamInput<'market.tick'>;

/** Open, high and low of the running UTC day of one symbol. */
export interface DayStats {
  /** `YYYY-MM-DD` of the day */
  day: string;
  open: number;
  high: number;
  low: number;
}

/** The day's statistics after a trade at `price`; a new UTC day opens at that price. */
export function updateDayStats(stats: DayStats | null, price: number, nowMs: number): DayStats {
  const day = utcDate(nowMs);
  if (stats === null || stats.day !== day) return { day, open: price, high: price, low: price };
  return { day, open: stats.open, high: Math.max(stats.high, price), low: Math.min(stats.low, price) };
}

const DAY_S = 86_400;

/**
 * Rolling 24 h volume, approximated by an exponentially decayed sum with a one-day time constant
 * (its steady level equals a day's volume at a constant rate).
 */
export const rollVolume = (volume24h: number, traded: number, dtS: number): number =>
  volume24h * Math.exp(-Math.max(dtS, 0) / DAY_S) + traded;

export interface TickInput {
  symbol: string;
  price: number;
  nowMs: number;
  /** Full bid/ask spread in basis points; bid/ask = price ∓ half of it */
  spreadBps: number;
  volume24h: number;
  day: DayStats;
  /** Extra metadata (perpetuals: mark_price, index_price, funding_rate) */
  extra?: Record<string, number>;
}

/** A tick with bid/ask around the price and the day's high/low/open/close/change/percentage. */
export function buildTick(t: TickInput): TickMessage {
  const half = (t.price * t.spreadBps) / 2 / 10_000;
  const change = t.price - t.day.open;
  return {
    symbol: t.symbol,
    price: t.price,
    volume: t.volume24h,
    bid: t.price - half,
    ask: t.price + half,
    timestamp: new Date(t.nowMs).toISOString(),
    metadata: {
      high: t.day.high,
      low: t.day.low,
      open: t.day.open,
      close: t.price,
      change,
      percentage: (change / t.day.open) * 100,
      ...t.extra,
    },
  };
}

/**
 * Funding per 8 h from the perpetual's premium over the index, in the usual venue form:
 * premium + clamp(interest − premium, ±0.05 %), interest 0.01 % per 8 h.
 */
export function fundingRate(basis: number): number {
  const interest = 0.0001;
  return basis + Math.min(Math.max(interest - basis, -0.0005), 0.0005);
}

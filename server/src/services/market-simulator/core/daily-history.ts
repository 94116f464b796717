import type { DailyBar } from '@gamma/shared';
import { normal, seedRng, streamSeed, type RngState } from './rng.ts';

/**
 * How a seeded daily history is shaped. `breakdown`: the market fell over the window and the current
 * price sits just under the lowest low of every day in it (a position controller such as S1 buys at
 * once; the demo's default). `walk`: a free seeded walk whose last close is the current price.
 */
export const DAILY_HISTORY_SHAPES = ['breakdown', 'walk'] as const;
export type DailyHistoryShape = (typeof DAILY_HISTORY_SHAPES)[number];

/** What one seeded daily history is drawn from. */
export interface DailyHistoryInput {
  /** Spot symbol; with `seed`, it seeds the draws */
  underlying: string;
  seed: number;
  /** Where the history ends: the simulated path's first time and price (bars cover the days before its day) */
  endMs: number;
  endPrice: number;
  /** Completed days, the newest the day before the one of `endMs` */
  days: number;
  /** Annualised volatility of the daily returns */
  annualVol: number;
  /** Average volume per day, coins */
  dailyVolume: number;
  shape: DailyHistoryShape;
}

const DAY_MS = 86_400_000;
/** `breakdown`: the fall over the whole window (log), so the old days stand above the recent ones */
const BREAKDOWN_FALL = Math.log(1 / 0.8);
/** `breakdown`: the current price lies this far (log) under the window's lowest low */
const BREAKDOWN_GAP = 0.002;
/** Each intraday excursion beyond open and close: |N| × this × the daily sd */
const WICK_RATIO = 0.6;

interface LogBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function draw(rng: RngState): { z: number; rng: RngState } {
  const d = normal(rng);
  return { z: d.value, rng: d.rng };
}

/** The bars in log price relative to the end, newest last, before any shift. */
function logBars(input: DailyHistoryInput): LogBar[] {
  const sd = input.annualVol / Math.sqrt(365);
  const drift = input.shape === 'breakdown' ? -BREAKDOWN_FALL / input.days : 0;
  let rng = seedRng(streamSeed(input.seed, `${input.underlying}#daily`));
  const bars: LogBar[] = [];
  let close = 0;
  // Backward from the newest close: each day's open is its close less the day's return
  for (let i = 0; i < input.days; i += 1) {
    const zs: number[] = [];
    for (let k = 0; k < 4; k += 1) {
      const d = draw(rng);
      zs.push(d.z);
      rng = d.rng;
    }
    const [zReturn = 0, zHigh = 0, zLow = 0, zVolume = 0] = zs;
    const open = close - (drift + sd * zReturn);
    bars.push({
      open,
      close,
      high: Math.max(open, close) + Math.abs(zHigh) * WICK_RATIO * sd,
      low: Math.min(open, close) - Math.abs(zLow) * WICK_RATIO * sd,
      // Log-normal with mean one
      volume: input.dailyVolume * Math.exp(0.3 * zVolume - 0.045),
    });
    close = open;
  }
  return bars.reverse();
}

/**
 * A seeded, reproducible daily OHLC history of `days` completed UTC days before the day of `endMs`,
 * oldest first (SIM_DAILY_HISTORY_*). `walk`: the last close is `endPrice`. `breakdown`: the whole
 * window shifted so its lowest low is 0.2 % above `endPrice`. Empty when `days` is 0.
 */
export function dailyHistory(input: DailyHistoryInput): DailyBar[] {
  if (input.days <= 0) return [];
  const bars = logBars(input);
  const lowest = Math.min(...bars.map((b) => b.low));
  const shift = input.shape === 'breakdown' ? BREAKDOWN_GAP - lowest : 0;
  const price = (x: number) => input.endPrice * Math.exp(x + shift);
  const firstDay = Math.floor(input.endMs / DAY_MS) - input.days;
  return bars.map((b, i) => ({
    open_time: new Date((firstDay + i) * DAY_MS).toISOString(),
    open: price(b.open),
    high: price(b.high),
    low: price(b.low),
    close: price(b.close),
    volume: b.volume,
  }));
}

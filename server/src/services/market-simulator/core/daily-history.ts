import type { DailyBar } from '@gamma/shared';
import { normal, seedRng, streamSeed, type RngState } from './rng.ts';

/**
 * How a seeded daily history is shaped. `breakdown`: the market fell into the end and the current
 * price sits just under the low of every day of the window (a position controller such as S1 buys at
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
/** `breakdown`: the current price lies at least this far (log) under every day's low */
const BREAKDOWN_GAP = 0.002;
/** Each intraday excursion beyond open and close: |N| × this × the daily sd */
const WICK_RATIO = 0.6;
/** `breakdown`: each day's low stays at least |N| × this × the daily sd above the floor */
const FLOOR_MARGIN_RATIO = 0.3;

interface LogBar {
  open: number;
  close: number;
  /** Excursions above max(open, close) and below min(open, close) */
  wickHigh: number;
  wickLow: number;
  /** `breakdown`: how far above the floor this day's low at least stays, so the lifted lows differ */
  floorMargin: number;
  volume: number;
}

function draw(rng: RngState): { z: number; rng: RngState } {
  const d = normal(rng);
  return { z: d.value, rng: d.rng };
}

/** The bars in log price relative to the end, newest first, before any lift. */
function logBars(input: DailyHistoryInput): LogBar[] {
  const sd = input.annualVol / Math.sqrt(365);
  let rng = seedRng(streamSeed(input.seed, `${input.underlying}#daily`));
  const bars: LogBar[] = [];
  let close = 0;
  // Backward from the newest close: each day's open is its close less the day's return
  for (let i = 0; i < input.days; i += 1) {
    const zs: number[] = [];
    for (let k = 0; k < 5; k += 1) {
      const d = draw(rng);
      zs.push(d.z);
      rng = d.rng;
    }
    const [zReturn = 0, zHigh = 0, zLow = 0, zVolume = 0, zFloor = 0] = zs;
    const open = close - sd * zReturn;
    bars.push({
      open,
      close,
      wickHigh: Math.abs(zHigh) * WICK_RATIO * sd,
      wickLow: Math.abs(zLow) * WICK_RATIO * sd,
      floorMargin: Math.abs(zFloor) * FLOOR_MARGIN_RATIO * sd,
      // Log-normal with mean one
      volume: input.dailyVolume * Math.exp(0.3 * zVolume - 0.045),
    });
    close = open;
  }
  return bars;
}

/**
 * `breakdown`: lifts the path (newest first) so every day's low is at least the gap (and its own small
 * margin) above the end, by
 * the least lift that never shrinks going back in time: at each day boundary the largest shortfall of
 * the days after it. Days stay joined (each opens at the close before it) and the fall into the end
 * stays a fall.
 */
function liftAboveEnd(bars: readonly LogBar[]): LogBar[] {
  let lift = -Infinity;
  const lifts: number[] = [];
  for (const b of bars) {
    lift = Math.max(lift, BREAKDOWN_GAP + b.floorMargin - (Math.min(b.open, b.close) - b.wickLow));
    lifts.push(lift);
  }
  // Bar i closes at boundary i (its own lift, which covers its shortfall) and opens at boundary i + 1,
  // where the older bar closes: the same lift, so the days stay joined
  return bars.map((b, i) => ({
    ...b,
    open: b.open + (lifts[i + 1] ?? lifts[i] ?? 0),
    close: b.close + (lifts[i] ?? 0),
  }));
}

/**
 * A seeded, reproducible daily OHLC history of `days` completed UTC days before the day of `endMs`,
 * oldest first (SIM_DAILY_HISTORY_*). `walk`: the last close is `endPrice`. `breakdown`: a fall into
 * the end, lifted so that every day's low is at least 0.2 % above `endPrice`. Empty when `days` is 0.
 */
export function dailyHistory(input: DailyHistoryInput): DailyBar[] {
  if (input.days <= 0) return [];
  const drawn = logBars(input);
  const bars = (input.shape === 'breakdown' ? liftAboveEnd(drawn) : drawn).reverse();
  const price = (x: number) => input.endPrice * Math.exp(x);
  const firstDay = Math.floor(input.endMs / DAY_MS) - input.days;
  return bars.map((b, i) => ({
    open_time: new Date((firstDay + i) * DAY_MS).toISOString(),
    open: price(b.open),
    high: price(Math.max(b.open, b.close) + b.wickHigh),
    low: price(Math.min(b.open, b.close) - b.wickLow),
    close: price(b.close),
    volume: b.volume,
  }));
}

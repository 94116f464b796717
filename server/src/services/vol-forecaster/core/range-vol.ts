import { garmanKlassVol, parkinsonVol } from '@gamma/shared/quant';
import type { OhlcBar } from './bars.ts';

const SECONDS_PER_YEAR = 365 * 86_400;

/** Annualised range-based realized vols of recent bars (null when fewer than two bars qualify). */
export interface RangeVols {
  parkinson: number | null;
  garmanKlass: number | null;
  /** Bars the estimators used */
  bars: number;
}

/**
 * Parkinson and Garman–Klass vol (quant core) over the last `window` completed OHLC bars, annualised
 * with the bars per year. Single-tick bars are left out: their zero range is an artefact of having
 * one price, not a measurement of a quiet bar, and would bias both estimators down.
 */
export function rangeVolsOf(ohlc: readonly OhlcBar[], window: number, barSeconds: number): RangeVols {
  const bars = ohlc.slice(-window).filter((b) => b.ticks >= 2);
  if (bars.length < 2) return { parkinson: null, garmanKlass: null, bars: bars.length };
  const o = { periodsPerYear: SECONDS_PER_YEAR / barSeconds };
  const high = bars.map((b) => b.high);
  const low = bars.map((b) => b.low);
  const open = bars.map((b) => b.open);
  const close = bars.map((b) => b.close);
  return {
    parkinson: parkinsonVol({ high, low }, o).annualVol ?? null,
    garmanKlass: garmanKlassVol({ open, high, low, close }, o).annualVol ?? null,
    bars: bars.length,
  };
}

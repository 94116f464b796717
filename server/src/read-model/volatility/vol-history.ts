import type { VolatilityForecastEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import type { Stored } from '../core/intents-state.ts';

/** One instant of the ATM IV vs forecast chart: both sides as they stood then (the newest value of each before it). */
export interface VolHistoryPoint {
  /** ISO-8601 UTC: the time of the surface or forecast that made this point */
  timestamp: string;
  /** The surface's ATM implied vol (P); null before the first surface */
  atm_iv: number | null;
  /** The forecast vol (Q) per horizon (`1h`, `24h`, `7d`); a horizon is absent before its first forecast */
  forecasts: Record<string, number>;
}

interface Sample {
  ms: number;
  timestamp: string;
  value: number;
}

interface UnderlyingSeries {
  /** ATM IV samples, oldest first */
  p: Sample[];
  /** Forecast samples per horizon, oldest first */
  q: Map<string, Sample[]>;
}

/** Recent ATM IV and forecasts per underlying, each series bounded. Mutated in place by the `apply*` functions. */
export interface VolHistoryState {
  series: Map<string, UnderlyingSeries>;
  /** Samples kept per series (the ATM IV of an underlying, or one horizon's forecasts) */
  maxSamples: number;
}

/** An empty history keeping `maxSamples` per series. */
export function createVolHistory(maxSamples = 720): VolHistoryState {
  return { series: new Map(), maxSamples };
}

function seriesOf(state: VolHistoryState, underlying: string): UnderlyingSeries {
  let series = state.series.get(underlying);
  if (!series) {
    series = { p: [], q: new Map() };
    state.series.set(underlying, series);
  }
  return series;
}

/**
 * Puts a sample in time order (streams warm up one after the other, so samples may arrive out of order); one at
 * the same instant replaces it (a repeat is harmless). Drops the oldest beyond `max`.
 */
function insertSample(samples: Sample[], sample: Sample, max: number): void {
  if (!Number.isFinite(sample.ms)) return;
  let at = samples.length;
  while (at > 0 && (samples[at - 1]?.ms ?? -Infinity) > sample.ms) at -= 1;
  if (samples[at - 1]?.ms === sample.ms) samples[at - 1] = sample;
  else samples.splice(at, 0, sample);
  if (samples.length > max) samples.splice(0, samples.length - max);
}

const sampleOf = (timestamp: string, value: number): Sample => ({
  ms: Date.parse(timestamp),
  timestamp,
  value,
});

/** Records a surface's ATM IV. */
export function applySurface(state: VolHistoryState, entry: Stored<VolatilitySurfaceEvent>): void {
  const { underlying, timestamp, atm_iv } = entry.message;
  insertSample(seriesOf(state, underlying).p, sampleOf(timestamp, atm_iv), state.maxSamples);
}

/** Records a forecast of one horizon. */
export function applyForecast(state: VolHistoryState, entry: Stored<VolatilityForecastEvent>): void {
  const { underlying, forecast_horizon, timestamp, predicted_volatility } = entry.message;
  const { q } = seriesOf(state, underlying);
  const samples = q.get(forecast_horizon) ?? [];
  q.set(forecast_horizon, samples);
  insertSample(samples, sampleOf(timestamp, predicted_volatility), state.maxSamples);
}

/**
 * The newest `limit` points of an underlying, oldest first: one per instant at which a surface or a forecast
 * arrived, carrying the newest value of every other series forward (a step chart of P against Q).
 */
export function volHistory(state: VolHistoryState, underlying: string, limit: number): VolHistoryPoint[] {
  const series = state.series.get(underlying);
  if (!series) return [];
  const tagged = [
    ...series.p.map((s) => ({ ...s, key: null })),
    ...[...series.q].flatMap(([horizon, samples]) => samples.map((s) => ({ ...s, key: horizon }))),
  ].sort((a, b) => a.ms - b.ms);
  const points: VolHistoryPoint[] = [];
  let atmIv: number | null = null;
  const forecasts: Record<string, number> = {};
  for (const sample of tagged) {
    if (sample.key === null) atmIv = sample.value;
    else forecasts[sample.key] = sample.value;
    const point = { timestamp: sample.timestamp, atm_iv: atmIv, forecasts: { ...forecasts } };
    // The horizons of one forecast run share an instant: one point, not three
    if (points.at(-1)?.timestamp === sample.timestamp) points[points.length - 1] = point;
    else points.push(point);
  }
  return points.slice(-limit);
}

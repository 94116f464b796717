import type { MacroRegime, StreamInput } from '@gamma/shared';
import { closeToCloseVol } from '@gamma/shared/quant';
import type { BreakerStatus, Freshness } from './circuit-breaker.ts';

/** Minutes per year: annualises 1-minute returns (SPEC §6.3). */
export const MINUTES_PER_YEAR = 525_600;
/** Fewer 1-minute returns than this → realized vol null. */
export const MIN_RETURNS = 10;
/** Realized vol assumed when unknown, for the regime only. */
export const DEFAULT_REGIME_VOL = 0.4;

/** Regime and score of SPEC §6.3. */
export interface Regime {
  regime: MacroRegime;
  score: number;
}

type VolBucket = 'low' | 'mid' | 'high';
type SentBucket = 'very_bearish' | 'bearish' | 'neutral' | 'bullish' | 'very_bullish';

const volBucket = (vol: number): VolBucket => (vol <= 0.4 ? 'low' : vol <= 0.8 ? 'mid' : 'high');

function sentBucket(sent: number): SentBucket {
  if (sent < -0.7) return 'very_bearish';
  if (sent < -0.3) return 'bearish';
  if (sent <= 0.3) return 'neutral';
  return sent <= 0.7 ? 'bullish' : 'very_bullish';
}

/**
 * The regime table of SPEC §6.3, first matching row wins; vol = realized vol (0.4 if null),
 * sent = sentiment (0 if null).
 */
export function classifyRegime(realizedVol: number | null, sentiment: number | null): Regime {
  const vol = realizedVol ?? DEFAULT_REGIME_VOL;
  const sent = sentiment ?? 0;
  const v = volBucket(vol);
  const s = sentBucket(sent);
  if (v === 'high' && s === 'very_bearish')
    return { regime: 'panic', score: Math.min(1, vol - 0.8 + Math.abs(sent)) };
  if (v === 'high' && s === 'very_bullish')
    return { regime: 'high_vol_bull', score: Math.min(1, vol - 0.8 + sent) };
  if (v !== 'high' && s === 'bullish') return { regime: 'bull', score: Math.min(1, 0.5 * vol + sent) };
  if (v !== 'low' && s === 'bearish') return { regime: 'bear', score: Math.min(1, vol + Math.abs(sent)) };
  if (v === 'low' && s === 'neutral') return { regime: 'chop', score: Math.min(1, 0.2 + vol) };
  return { regime: 'unknown', score: 0.1 };
}

/** FOMO = clamp(0.6 × sentiment + 0.4 × realized vol, 0, 1); null if either is null. */
export function fomoScore(sentiment: number | null, realizedVol: number | null): number | null {
  if (sentiment === null || realizedVol === null) return null;
  return Math.min(1, Math.max(0, 0.6 * sentiment + 0.4 * realizedVol));
}

/** Bar length of the macro realized vol by default: one minute (SPEC §6.3). */
export const DEFAULT_MACRO_BAR_MS = 60_000;

/** How closes are sampled: window length in minutes and bar length (default one minute). */
export type CloseWindow = number | { windowMin: number; barMs?: number };

const windowOf = (w: CloseWindow) =>
  typeof w === 'number'
    ? { windowMin: w, barMs: DEFAULT_MACRO_BAR_MS }
    : { barMs: DEFAULT_MACRO_BAR_MS, ...w };

/** Closing prices per bar, oldest first: `minute` = epoch bar index (epoch minute with one-minute bars). */
export type MinuteCloses = readonly { minute: number; close: number }[];

/**
 * Records a price as the close of its minute (a later price of the same minute replaces it) and keeps
 * the last `windowMin` minutes plus one, so the window holds `windowMin` returns.
 */
export function recordMinuteClose(
  series: MinuteCloses,
  sample: { atMs: number; price: number },
  window: CloseWindow,
): MinuteCloses {
  if (!(sample.price > 0) || !Number.isFinite(sample.price)) return series;
  const { windowMin, barMs } = windowOf(window);
  const bars = Math.max(1, Math.round((windowMin * 60_000) / barMs));
  const minute = Math.floor(sample.atMs / barMs);
  const last = series[series.length - 1];
  if (last && minute < last.minute) return series;
  const base = last && last.minute === minute ? series.slice(0, -1) : series;
  const next = [...base, { minute, close: sample.price }];
  return next.filter((p) => p.minute > minute - bars - 1);
}

/**
 * Annualised close-to-close vol of consecutive 1-minute log returns (√525 600); a gap of missing
 * minutes starts a new run, since its return is not a 1-minute return. Null under 10 returns.
 */
export function realizedVolOf(series: MinuteCloses, barMs: number = DEFAULT_MACRO_BAR_MS): number | null {
  const returns: number[] = [];
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1];
    const b = series[i];
    if (a && b && b.minute === a.minute + 1) returns.push(Math.log(b.close / a.close));
  }
  if (returns.length < MIN_RETURNS) return null;
  // Rebuild a price path from the returns so the quant function computes the same statistic.
  const prices = [1];
  for (const r of returns) prices.push((prices[prices.length - 1] ?? 1) * Math.exp(r));
  const periodsPerYear = (MINUTES_PER_YEAR * 60_000) / barMs;
  return closeToCloseVol(prices, { periodsPerYear }).annualVol ?? null;
}

/** The `weighted_score` of a sentiment response body when numeric and within −1…1, else null. */
export function sentimentFromBody(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const score = (body as Record<string, unknown>).weighted_score;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < -1 || score > 1) return null;
  return score;
}

/** The `activity_index` of an on-chain response body when a finite number ≥ 0, else null. */
export function onchainFromBody(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const index = (body as Record<string, unknown>).activity_index;
  return typeof index === 'number' && Number.isFinite(index) && index >= 0 ? index : null;
}

/** What the macro state says about on-chain activity; null when no source is configured. */
export interface OnchainInput {
  /** The last reading's freshness: its value while fresh, its age, whether it is stale */
  freshness: Freshness;
  /** Its source's base URL */
  source: string;
  /** The source's circuit breaker */
  breaker: BreakerStatus;
}

/** Inputs of one macro broadcast. */
export interface MacroInputs {
  sentiment: number | null;
  realizedVol: number | null;
  fundingRate: number | null;
  portfolioRealizedVol: number | null;
  /** Where sentiment came from, or null */
  sentimentSource: string | null;
  /** Absent or null: no on-chain source */
  onchain?: OnchainInput | null;
}

/** The `market.macro_state` message of SPEC §6.3 (market-wide: symbol null). */
export function buildMacroState(inputs: MacroInputs, nowIso: string): StreamInput<'market.macro_state'> {
  const { regime, score } = classifyRegime(inputs.realizedVol, inputs.sentiment);
  const onchain = inputs.onchain;
  return {
    symbol: null,
    macro_regime: regime,
    regime_score: score,
    sentiment_score: inputs.sentiment,
    fomo_score: fomoScore(inputs.sentiment, inputs.realizedVol),
    realized_vol: inputs.realizedVol,
    funding_rate: inputs.fundingRate,
    onchain_activity: onchain?.freshness.value ?? null,
    onchain_age_s: onchain?.freshness.ageS ?? null,
    timestamp: nowIso,
    metadata: {
      portfolio_realized_vol: inputs.portfolioRealizedVol,
      sentiment_source: inputs.sentimentSource,
      onchain_source: onchain?.source ?? null,
      onchain_stale: onchain?.freshness.stale ?? null,
      onchain_breaker: onchain?.breaker ?? null,
    },
  };
}

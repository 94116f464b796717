import { normal, seedRng, streamSeed, type RngState } from './rng.ts';
import { ouStep, type OuParams } from './ou.ts';
import { jumpVariance, stepPath, type PathParams, type PathState } from './price-path.ts';
import { sentimentScore, type SentimentParams } from './sentiment.ts';
import type { SmileParams } from './smile.ts';
import type { StrikeSteps } from './strikes.ts';
import { buildSurface, type SurfaceMessage } from './surface.ts';
import {
  buildTick,
  fundingRate,
  rollVolume,
  updateDayStats,
  type DayStats,
  type TickMessage,
} from './ticks.ts';

/** Everything that shapes one simulated underlying. */
export interface UnderlyingParams {
  /** Spot symbol `BASE/QUOTE` */
  underlying: string;
  /** Linear perpetual symbol `BASE/QUOTE:QUOTE` */
  perpetual: string;
  startPrice: number;
  path: PathParams;
  /** Implied-vol premium over the expected realized vol */
  premium: OuParams;
  /** Perpetual premium over spot, decimal */
  basis: OuParams;
  sentiment: SentimentParams;
  strikeSteps: StrikeSteps;
  smile: SmileParams;
  /** Average spot volume per day, in coins (the perpetual trades three times as much) */
  dailyVolume: number;
}

/** Market-wide settings of the simulator core. */
export interface MarketParams {
  spreadBps: number;
  basisAnnual: number;
  quoteHalfSpread: number;
}

/** The state of one underlying; replaced, never mutated. */
export interface UnderlyingState {
  lastMs: number;
  path: PathState;
  /** Random numbers for everything but the price path, so the path depends on its own draws only */
  aux: RngState;
  premium: number;
  basis: number;
  sentimentLatent: number;
  spotDay: DayStats;
  perpDay: DayStats;
  spotVolume: number;
  perpVolume: number;
  /** Last price of each recent minute (epoch minute), oldest first, about an hour and a bit */
  minuteCloses: readonly { minute: number; price: number }[];
}

/** The perpetual trades this many times the spot volume. */
export const PERP_VOLUME_FACTOR = 3;
const MINUTE_MS = 60_000;
const KEEP_MINUTES = 61;

/** The initial state at `startMs`, seeded from the master seed and the symbol. */
export function initUnderlying(p: UnderlyingParams, seed: number, startMs: number): UnderlyingState {
  const day = updateDayStats(null, p.startPrice, startMs);
  const perpPrice = p.startPrice * (1 + p.basis.mean);
  return {
    lastMs: startMs,
    path: {
      spot: p.startPrice,
      variance: p.path.longRunVariance,
      rng: seedRng(streamSeed(seed, p.underlying)),
    },
    aux: seedRng(streamSeed(seed, `${p.underlying}#aux`)),
    premium: p.premium.mean,
    basis: p.basis.mean,
    sentimentLatent: p.sentiment.latent.mean,
    spotDay: day,
    perpDay: updateDayStats(null, perpPrice, startMs),
    spotVolume: p.dailyVolume,
    perpVolume: p.dailyVolume * PERP_VOLUME_FACTOR,
    minuteCloses: [{ minute: Math.floor(startMs / MINUTE_MS), price: p.startPrice }],
  };
}

function drawNormals(rng: RngState, count: number): { z: number[]; rng: RngState } {
  const z: number[] = [];
  let state = rng;
  for (let i = 0; i < count; i += 1) {
    const d = normal(state);
    z.push(d.value);
    state = d.rng;
  }
  return { z, rng: state };
}

function recordMinute(closes: UnderlyingState['minuteCloses'], nowMs: number, price: number) {
  const minute = Math.floor(nowMs / MINUTE_MS);
  const kept = closes.filter((c) => c.minute >= minute - KEEP_MINUTES && c.minute !== minute);
  return [...kept, { minute, price }];
}

/** Advances the underlying to `nowMs` (no change when time has not moved forward). */
export function advanceUnderlying(s: UnderlyingState, p: UnderlyingParams, nowMs: number): UnderlyingState {
  const dtS = (nowMs - s.lastMs) / 1000;
  if (!(dtS > 0)) return s;
  const path = stepPath(s.path, p.path, dtS);
  const { z, rng } = drawNormals(s.aux, 5);
  const [zPremium = 0, zBasis = 0, zSentiment = 0, zSpotVol = 0, zPerpVol = 0] = z;
  const basis = ouStep(p.basis, { x: s.basis, dtS, z: zBasis });
  const perpPrice = path.spot * (1 + basis);
  const traded = (p.dailyVolume * dtS) / 86_400;
  return {
    lastMs: nowMs,
    path,
    aux: rng,
    premium: ouStep(p.premium, { x: s.premium, dtS, z: zPremium }),
    basis,
    sentimentLatent: ouStep(p.sentiment.latent, { x: s.sentimentLatent, dtS, z: zSentiment }),
    spotDay: updateDayStats(s.spotDay, path.spot, nowMs),
    perpDay: updateDayStats(s.perpDay, perpPrice, nowMs),
    // Log-normal noise with mean one
    spotVolume: rollVolume(s.spotVolume, traded * Math.exp(0.5 * zSpotVol - 0.125), dtS),
    perpVolume: rollVolume(s.perpVolume, PERP_VOLUME_FACTOR * traded * Math.exp(0.5 * zPerpVol - 0.125), dtS),
    minuteCloses: recordMinute(s.minuteCloses, nowMs, path.spot),
  };
}

/** The spot tick and the perpetual tick at the current state. */
export function ticksOf(
  s: UnderlyingState,
  p: UnderlyingParams,
  m: MarketParams,
): [TickMessage, TickMessage] {
  const perpPrice = s.path.spot * (1 + s.basis);
  const spot = buildTick({
    symbol: p.underlying,
    price: s.path.spot,
    nowMs: s.lastMs,
    spreadBps: m.spreadBps,
    volume24h: s.spotVolume,
    day: s.spotDay,
  });
  const perp = buildTick({
    symbol: p.perpetual,
    price: perpPrice,
    nowMs: s.lastMs,
    spreadBps: m.spreadBps,
    volume24h: s.perpVolume,
    day: s.perpDay,
    extra: { mark_price: perpPrice, index_price: s.path.spot, funding_rate: fundingRate(s.basis) },
  });
  return [spot, perp];
}

/** The volatility surface at the current state. */
export function surfaceOf(s: UnderlyingState, p: UnderlyingParams, m: MarketParams): SurfaceMessage {
  const jumps = jumpVariance(p.path);
  return buildSurface({
    underlying: p.underlying,
    spot: s.path.spot,
    nowMs: s.lastMs,
    variance: s.path.variance + jumps,
    longRunVariance: p.path.longRunVariance + jumps,
    premium: s.premium,
    basisAnnual: m.basisAnnual,
    strikeSteps: p.strikeSteps,
    smile: p.smile,
    quoteHalfSpread: m.quoteHalfSpread,
  });
}

/** Log return of spot over the last hour (since the oldest recorded minute when younger than an hour). */
export function hourReturnOf(s: UnderlyingState): number {
  const hourAgo = Math.floor(s.lastMs / MINUTE_MS) - 60;
  const past = s.minuteCloses.filter((c) => c.minute <= hourAgo).at(-1) ?? s.minuteCloses[0];
  return past ? Math.log(s.path.spot / past.price) : 0;
}

/** The current sentiment score in −1…1. */
export const sentimentOf = (s: UnderlyingState, p: UnderlyingParams): number =>
  sentimentScore(s.sentimentLatent, hourReturnOf(s), p.sentiment);

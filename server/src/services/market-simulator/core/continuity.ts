import type { MarketTickEvent } from '@gamma/shared';
import { utcDate } from './expiry-calendar.ts';
import { SECONDS_PER_YEAR } from './ou.ts';
import { jumpVariance, type PathParams } from './price-path.ts';
import { seedRng, streamSeed } from './rng.ts';
import { updateDayStats, type DayStats } from './ticks.ts';
import { PERP_VOLUME_FACTOR, type UnderlyingParams, type UnderlyingState } from './underlying-state.ts';

/** What the `market.tick` stream says about one underlying when the simulator starts. */
export interface LastMarket {
  /** Its newest spot tick */
  spot: MarketTickEvent;
  /** Its newest perpetual tick, if any */
  perp: MarketTickEvent | null;
  /** Its recent spot ticks, oldest first, ending with `spot` */
  recentSpots: readonly MarketTickEvent[];
}

const MINUTE_MS = 60_000;
const KEEP_MINUTES = 61;
/** Returns over a longer gap (a restart) say nothing about the variance */
const MAX_RETURN_GAP_S = 60;
/** Weight of the long-run variance in the estimate, in one-second returns (shrinks a short sample) */
const PRIOR_RETURNS = 60;
/** The estimate stays within this factor of the long-run variance */
const MAX_VARIANCE_RATIO = 4;
const MIN_VARIANCE_RATIO = 1 / 16;

/**
 * Finds an underlying's newest spot tick, newest perpetual tick and recent spot ticks in a stream
 * read newest first (`bus.latest`), or null when the underlying has no spot tick there.
 */
export function lastMarketOf(
  newestFirst: readonly MarketTickEvent[],
  p: Pick<UnderlyingParams, 'underlying' | 'perpetual'>,
): LastMarket | null {
  const spots = newestFirst.filter((t) => t.symbol === p.underlying);
  const spot = spots[0];
  if (!spot) return null;
  const perp = newestFirst.find((t) => t.symbol === p.perpetual) ?? null;
  return { spot, perp, recentSpots: [...spots].reverse() };
}

/**
 * The diffusion variance implied by recent spot ticks (oldest first): realized variance per year
 * of their log returns, less the jumps' share, shrunk toward the long-run variance by a prior
 * worth {@link PRIOR_RETURNS} one-second returns and kept within [θ/16, 4θ]. The long-run
 * variance θ when no usable return exists.
 */
export function varianceFromTicks(recentSpots: readonly MarketTickEvent[], path: PathParams): number {
  let sumSq = 0;
  let sumDtYears = 0;
  for (let i = 1; i < recentSpots.length; i += 1) {
    const a = recentSpots[i - 1];
    const b = recentSpots[i];
    if (!a || !b) continue;
    const dtS = (Date.parse(b.timestamp) - Date.parse(a.timestamp)) / 1000;
    if (!(dtS > 0 && dtS <= MAX_RETURN_GAP_S)) continue;
    sumSq += Math.log(b.price / a.price) ** 2;
    sumDtYears += dtS / SECONDS_PER_YEAR;
  }
  const theta = path.longRunVariance;
  const priorYears = PRIOR_RETURNS / SECONDS_PER_YEAR;
  const observed = Math.max(sumSq - jumpVariance(path) * sumDtYears, 0);
  const estimate = (observed + theta * priorYears) / (sumDtYears + priorYears);
  return Math.min(Math.max(estimate, theta * MIN_VARIANCE_RATIO), theta * MAX_VARIANCE_RATIO);
}

const finiteNumber = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The day's statistics a tick reports, when it is of the same UTC day as `nowMs`; else a new day at its price. */
function dayOf(tick: { price: number; timestamp: string; metadata: Record<string, unknown> }, nowMs: number) {
  const fresh = updateDayStats(null, tick.price, nowMs);
  if (utcDate(Date.parse(tick.timestamp)) !== fresh.day) return fresh;
  const open = finiteNumber(tick.metadata.open);
  const high = finiteNumber(tick.metadata.high);
  const low = finiteNumber(tick.metadata.low);
  if (open === null || high === null || low === null || !(open > 0 && low > 0)) return fresh;
  const day: DayStats = {
    day: fresh.day,
    open,
    high: Math.max(high, tick.price),
    low: Math.min(low, tick.price),
  };
  return day;
}

function minuteClosesOf(recentSpots: readonly MarketTickEvent[], nowMs: number, price: number) {
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const byMinute = new Map<number, number>();
  for (const t of recentSpots) {
    const minute = Math.floor(Date.parse(t.timestamp) / MINUTE_MS);
    if (minute >= nowMinute - KEEP_MINUTES && minute < nowMinute) byMinute.set(minute, t.price);
  }
  const past = [...byMinute].sort(([a], [b]) => a - b).map(([minute, close]) => ({ minute, price: close }));
  return [...past, { minute: nowMinute, price }];
}

/**
 * The state of an underlying that continues from the stream's last ticks at `nowMs`: spot at the
 * last spot price, variance from the recent ticks, perpetual basis, day statistics and 24 h volumes
 * from the last ticks; premium and sentiment at their means. The random streams are seeded from the
 * master seed and the last tick's time, so a restart does not replay the draws of the previous run.
 */
export function resumeUnderlying(
  p: UnderlyingParams,
  last: LastMarket,
  run: { seed: number; nowMs: number },
): UnderlyingState {
  const price = last.spot.price;
  const resumeKey = `@${Date.parse(last.spot.timestamp)}`;
  const perpRatio = last.perp ? last.perp.price / price - 1 : Number.NaN;
  const basis = Number.isFinite(perpRatio) ? perpRatio : p.basis.mean;
  const perpTick = last.perp ?? { ...last.spot, price: price * (1 + basis) };
  return {
    lastMs: run.nowMs,
    path: {
      spot: price,
      variance: varianceFromTicks(last.recentSpots, p.path),
      rng: seedRng(streamSeed(run.seed, `${p.underlying}${resumeKey}`)),
    },
    aux: seedRng(streamSeed(run.seed, `${p.underlying}#aux${resumeKey}`)),
    premium: p.premium.mean,
    basis,
    sentimentLatent: p.sentiment.latent.mean,
    spotDay: dayOf(last.spot, run.nowMs),
    perpDay: dayOf(perpTick, run.nowMs),
    spotVolume: last.spot.volume > 0 ? last.spot.volume : p.dailyVolume,
    perpVolume: last.perp && last.perp.volume > 0 ? last.perp.volume : p.dailyVolume * PERP_VOLUME_FACTOR,
    minuteCloses: minuteClosesOf(last.recentSpots, run.nowMs, price),
  };
}

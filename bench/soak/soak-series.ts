/** One sample of a soak: seconds since the feed began, each process's RSS, each stream's length. */
export interface Sample {
  t_s: number;
  rss_mb: Record<string, number>;
  stream_len: Record<string, number>;
  redis_mb: number;
}

/** How one series moved after the warm-up. */
export interface SeriesTrend {
  name: string;
  /** Mean of the samples of the first minute after the warm-up */
  first: number;
  /** Mean of the samples of the last minute */
  last: number;
  /** (last − first) / first, percent */
  change_pct: number;
  /** Least-squares slope over every sample after the warm-up, per minute */
  slope_per_min: number;
}

export interface SoakReport {
  samples: number;
  rss: (SeriesTrend & { flat: boolean })[];
  streams: SeriesTrend[];
  redis: SeriesTrend;
}

/** RSS within this much of its first minute after warm-up counts as flat (issue 12). */
export const FLAT_PCT = 10;
/** The windows compared, s: a minute holds several GC cycles of every process, so a sawtooth averages out. */
const WINDOW_S = 60;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Least-squares slope of y over t (seconds), per minute. */
export function slopePerMinute(points: { t: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const mt = mean(points.map((p) => p.t));
  const my = mean(points.map((p) => p.y));
  const num = points.reduce((a, p) => a + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

export function trendOf(name: string, points: { t: number; y: number }[]): SeriesTrend {
  const start = points[0]?.t ?? 0;
  const end = points.at(-1)?.t ?? 0;
  const first = mean(points.filter((p) => p.t < start + WINDOW_S).map((p) => p.y));
  const last = mean(points.filter((p) => p.t > end - WINDOW_S).map((p) => p.y));
  return {
    name,
    first,
    last,
    change_pct: first === 0 ? 0 : ((last - first) / first) * 100,
    slope_per_min: slopePerMinute(points),
  };
}

/** The trends of every series after the warm-up. */
export function flatness(samples: Sample[], options: { warmupS: number }): SoakReport {
  const kept = samples.filter((s) => s.t_s >= options.warmupS);
  const names = (pick: (s: Sample) => Record<string, number>) => [
    ...new Set(kept.flatMap((s) => Object.keys(pick(s)))),
  ];
  const series = (pick: (s: Sample) => Record<string, number>, name: string) =>
    kept.flatMap((s) => (pick(s)[name] === undefined ? [] : [{ t: s.t_s, y: pick(s)[name] ?? 0 }]));
  return {
    samples: kept.length,
    rss: names((s) => s.rss_mb).map((n) => {
      const trend = trendOf(
        n,
        series((s) => s.rss_mb, n),
      );
      return { ...trend, flat: Math.abs(trend.change_pct) <= FLAT_PCT };
    }),
    streams: names((s) => s.stream_len).map((n) =>
      trendOf(
        n,
        series((s) => s.stream_len, n),
      ),
    ),
    redis: trendOf(
      'redis used_memory',
      kept.map((s) => ({ t: s.t_s, y: s.redis_mb })),
    ),
  };
}

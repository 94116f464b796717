import { withGreeksPoint, type GreeksPoint } from '@gamma/shared';
import { compact, duration, fixed } from '@/lib/format';
import type { GreekLimits } from '@/lib/use-desk-config';
import type { LimitedGreek } from './greek-limits';

/** A line drawn across a Greek's chart: an engine limit, or the risk service's alert level (Δ). */
export interface LimitLine {
  value: number;
  /** `limit +2`, `alert −0.1` */
  label: string;
  kind: 'limit' | 'alert';
}

/** One Greek's chart of one underlying, ready to draw and to read aloud. */
export interface GreekChart {
  greek: LimitedGreek;
  /** `Δ delta`, shown above the chart */
  title: string;
  /** Points with `t` in epoch ms, oldest first */
  points: { t: number; v: number }[];
  lines: LimitLine[];
  /** The limits in words under the chart (`limit ±2 · alert ±0.1`), `no limit set` without any */
  limitsText: string;
  /** The chart in words, for its `aria-label` */
  summary: string;
}

const TITLES: Readonly<Record<LimitedGreek, string>> = {
  delta: 'Δ delta',
  gamma: 'Γ gamma',
  vega: 'vega',
  theta: 'θ theta',
};
const UNITS: Readonly<Record<LimitedGreek, string>> = {
  delta: 'coins',
  gamma: 'Δ per USD',
  vega: 'USD per vol point',
  theta: 'USD a day',
};

/** A Greek's value as the console writes it (Δ 4 dp, Γ compact, vega and θ 2 dp). */
export const greekText = (greek: LimitedGreek, v: number): string =>
  greek === 'delta' ? fixed(v, 4) : greek === 'gamma' ? compact(v, 6) : fixed(v, 2);

/** The server's history with the points seen live since its last one sampled in, oldest first. */
export function mergedPoints(
  history: readonly GreeksPoint[],
  live: readonly GreeksPoint[],
  options: { spacingMs: number; maxPoints: number },
): readonly GreeksPoint[] {
  const lastMs = Date.parse(history.at(-1)?.at ?? '') || -Infinity;
  let merged: readonly GreeksPoint[] = history;
  for (const point of live)
    if (Date.parse(point.at) > lastMs) merged = withGreeksPoint(merged, point, options);
  return merged;
}

const symmetric = (greek: LimitedGreek, value: number | null, kind: LimitLine['kind']): LimitLine[] =>
  value === null
    ? []
    : [
        { value, label: `${kind} +${greekText(greek, value)}`, kind },
        { value: -value, label: `${kind} −${greekText(greek, value)}`, kind },
      ];

/**
 * The lines of a Greek: the engine's limit (±, θ only below zero: a short-theta limit) and for Δ the risk
 * service's alert level (± twice the hedger's threshold).
 */
export function limitLines(greek: LimitedGreek, limits: GreekLimits, deltaAlert: number | null): LimitLine[] {
  switch (greek) {
    case 'delta':
      return [...symmetric(greek, limits.delta, 'limit'), ...symmetric(greek, deltaAlert, 'alert')];
    case 'gamma':
      return symmetric(greek, limits.gamma, 'limit');
    case 'vega':
      return symmetric(greek, limits.vega_usd, 'limit');
    case 'theta':
      return limits.short_theta_usd === null
        ? []
        : [
            {
              value: -limits.short_theta_usd,
              label: `limit −${greekText(greek, limits.short_theta_usd)}`,
              kind: 'limit',
            },
          ];
  }
}

/** `limit ±2 · alert ±0.1000`, from the lines (a ± pair written once). */
function limitsText(lines: readonly LimitLine[]): string {
  const words = lines
    .filter((l) => l.value > 0 || !lines.some((o) => o.kind === l.kind && o.value === -l.value))
    .map((l) => (l.value > 0 ? l.label.replace(' +', ' ±') : l.label));
  return words.length === 0 ? 'no limit set' : words.join(' · ');
}

/** The chart of one Greek of one underlying. */
export function greekChart(
  input: { underlying: string; points: readonly GreeksPoint[]; greek: LimitedGreek },
  limits: { limits: GreekLimits; deltaAlert: number | null },
): GreekChart {
  const { underlying, greek } = input;
  const points = input.points.map((p) => ({ t: Date.parse(p.at), v: p[greek] }));
  const lines = limitLines(greek, limits.limits, limits.deltaAlert);
  const limitWords = limitsText(lines);
  const name = `${underlying} ${greek}`;
  const last = points.at(-1);
  const first = points[0];
  const values = points.map((p) => p.v);
  const summary =
    last === undefined || first === undefined
      ? `${name}: no data yet; ${limitWords}`
      : `${name} over ${duration(last.t - first.t)}: now ${greekText(greek, last.v)} ${UNITS[greek]}, ` +
        `low ${greekText(greek, Math.min(...values))}, high ${greekText(greek, Math.max(...values))}; ${limitWords}`;
  return { greek, title: TITLES[greek], points, lines, limitsText: limitWords, summary };
}

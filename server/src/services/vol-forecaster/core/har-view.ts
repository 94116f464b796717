import { harRvForecast } from '@gamma/shared/quant';
import type { ModelView } from './forecast.ts';
import { qlike } from './variance-models.ts';

/** HAR-RV settings at bar scale: blocks of `blockBars` returns stand in for days. */
export interface HarRules {
  barSeconds: number;
  /** Returns per block (the "day" of HAR): e.g. 12 × 5 s = 1 minute */
  blockBars: number;
  /** Blocks in the medium ("week") and long ("month") means: 5 and 22 */
  medium: number;
  long: number;
  /** Newest returns scored out of sample for the model choice */
  evaluationWindow: number;
}

/** Model version of the HAR-RV candidate. */
export const HAR_VERSION = 'har-rv/1';

/** Blocks `harRvForecast` needs before it will fit (long lag + 10 regression rows). */
export const harMinBlocks = (r: Pick<HarRules, 'long'>): number => r.long + 10;

/**
 * Realized variance per block: the sum of squared returns of `blockBars` consecutive returns. Blocks
 * end at the newest return; the oldest `returns.length mod blockBars` returns are left out.
 */
export function blockRealizedVariances(returns: readonly number[], blockBars: number): number[] {
  if (!(Number.isInteger(blockBars) && blockBars >= 1))
    throw new RangeError(`blockBars must be an integer ≥ 1, got ${blockBars}`);
  const blocks = Math.floor(returns.length / blockBars);
  const offset = returns.length - blocks * blockBars;
  const rv = new Array<number>(blocks).fill(0);
  for (let i = offset; i < returns.length; i++) {
    const r = returns[i] as number;
    const j = Math.floor((i - offset) / blockBars);
    rv[j] = (rv[j] as number) + r * r;
  }
  return rv;
}

/**
 * The HAR-RV view (Corsi 2009 via the quant core's `harRvForecast`, lags 1/medium/long blocks): the
 * next block's realized variance divided by `blockBars` is the per-bar variance, held flat over the
 * horizon. Null (candidate skipped) before `long + 10` blocks exist or when the regression is
 * singular. The loss scores every return of the evaluation window with the forecast of its block
 * made from earlier blocks only (a refit per block, so truly out of sample); NaN when the window
 * reaches blocks without that much history, +Infinity when such a forecast was 0.
 */
export function harView(returns: readonly number[], r: HarRules): ModelView | null {
  const B = r.blockBars;
  const rv = blockRealizedVariances(returns, B);
  const min = harMinBlocks(r);
  if (rv.length < min) return null;
  const lags = { medium: r.medium, long: r.long };
  let next: number;
  try {
    next = harRvForecast(rv, lags).forecast / B;
  } catch {
    return null;
  }
  return {
    modelVersion: HAR_VERSION,
    nextVariance: next,
    meanVariance: () => next,
    loss: scoreHar(returns, rv, r),
    features: [
      `log_returns_${r.barSeconds}s`,
      `rv_${B * r.barSeconds}s`,
      `rv_${B * r.barSeconds}s_mean_${r.medium}`,
      `rv_${B * r.barSeconds}s_mean_${r.long}`,
    ],
  };
}

function scoreHar(returns: readonly number[], rv: readonly number[], r: HarRules): number {
  const B = r.blockBars;
  const offset = returns.length - rv.length * B;
  const start = returns.length - r.evaluationWindow;
  if (r.evaluationWindow < 1 || start < offset + harMinBlocks(r) * B) return NaN;
  const byBlock = new Map<number, number>();
  const forecasts: number[] = [];
  for (let i = start; i < returns.length; i++) {
    const j = Math.floor((i - offset) / B);
    let h = byBlock.get(j);
    if (h === undefined) {
      try {
        h = harRvForecast(rv.slice(0, j), { medium: r.medium, long: r.long }).forecast / B;
      } catch {
        return NaN;
      }
      byBlock.set(j, h);
    }
    if (!(h > 0)) return Infinity;
    forecasts.push(h);
  }
  return qlike(returns.slice(start), forecasts);
}

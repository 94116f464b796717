import { ewmaVariance, garch11Filter, garch11LongRunVariance, type Garch11Params } from '@gamma/shared/quant';

/**
 * One-step-ahead EWMA variances: out[i] is the variance forecast for the bar after returns[i]. The
 * recursion starts from the mean square of the first (up to) `seedCount` returns.
 */
export function ewmaPath(returns: readonly number[], lambda: number, seedCount = 20): number[] {
  const seed = returns.slice(0, seedCount);
  let v = seed.length > 0 ? seed.reduce((s, r) => s + r * r, 0) / seed.length : 0;
  return returns.map((r) => (v = ewmaVariance({ lambda, prevVariance: v, lastReturn: r })));
}

/** One-step-ahead GARCH(1,1) variances over `returns` (out[i]: the bar after returns[i]). */
export function garchPath(returns: readonly number[], p: Garch11Params): number[] {
  const meanSquare = returns.length > 0 ? returns.reduce((s, r) => s + r * r, 0) / returns.length : 0;
  const initialVariance = p.alpha + p.beta < 1 ? garch11LongRunVariance(p) : meanSquare;
  return garch11Filter(returns, { ...p, initialVariance });
}

/**
 * Mean QLIKE loss of variance forecasts against squared returns: mean of r²/h + ln h (lower is
 * better; robust to the noise of r² as a proxy for the variance). forecasts[i] is the forecast made
 * for returns[i]. NaN when nothing can be scored.
 */
export function qlike(returns: readonly number[], forecasts: readonly number[]): number {
  let sum = 0;
  let n = 0;
  returns.forEach((r, i) => {
    const h = forecasts[i];
    if (h === undefined || !(h > 0)) return;
    sum += (r * r) / h + Math.log(h);
    n += 1;
  });
  return n > 0 ? sum / n : NaN;
}

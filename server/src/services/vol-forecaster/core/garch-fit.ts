import * as quant from '@gamma/shared/quant';
import type { Garch11Params } from '@gamma/shared/quant';

/** The quant core's Gaussian GARCH(1,1) maximum-likelihood fit (`garch11Fit`, issue 4). */
export type Garch11Fitter = (
  returns: number[],
  o?: { varianceTargeting?: boolean },
) => Garch11Params & { logLikelihood: number };

/**
 * `garch11Fit` from `@gamma/shared/quant`, or null while that module does not export it yet; looked
 * up by name so the forecaster runs EWMA-only until the fit lands, instead of failing to build.
 */
export const quantGarch11Fit: Garch11Fitter | null = (() => {
  const candidate = (quant as Record<string, unknown>)['garch11Fit'];
  return typeof candidate === 'function' ? (candidate as Garch11Fitter) : null;
})();

/**
 * Fits GARCH(1,1) by MLE to bar returns. The returns are standardised first (tiny per-bar variances
 * make optimisers misbehave) and omega is scaled back. Null when the fit is not a usable stationary
 * model (non-finite, negative, or alpha + beta ≥ 1).
 */
export function fitGarch(returns: readonly number[], fitter: Garch11Fitter): Garch11Params | null {
  const meanSquare = returns.reduce((s, r) => s + r * r, 0) / Math.max(returns.length, 1);
  if (!(meanSquare > 0)) return null;
  const scale = Math.sqrt(meanSquare);
  const fitted = fitter(
    returns.map((r) => r / scale),
    { varianceTargeting: false },
  );
  const params = { omega: fitted.omega * meanSquare, alpha: fitted.alpha, beta: fitted.beta };
  const ok =
    [params.omega, params.alpha, params.beta].every((x) => Number.isFinite(x) && x >= 0) &&
    params.omega > 0 &&
    params.alpha + params.beta < 1;
  return ok ? params : null;
}

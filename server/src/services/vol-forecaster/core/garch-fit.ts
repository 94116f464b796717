import type { Garch11Params } from '@gamma/shared/quant';

/** A GARCH(1,1) maximum-likelihood fitter with the shape of the quant core's `garch11Fit`. */
export type Garch11Fitter = (
  returns: number[],
  o?: { varianceTargeting?: boolean },
) => Garch11Params & { logLikelihood: number };

/**
 * Fits GARCH(1,1) by MLE to bar returns. The returns are standardised first (tiny per-bar variances
 * make optimisers misbehave) and omega is scaled back. Null when the fit is not a usable stationary
 * model (non-finite, negative, or alpha + beta ≥ 1). With `varianceTargeting`, omega is the sample
 * mean square × (1 − alpha − beta) and only alpha and beta are estimated (`garch11-vt/1`).
 */
export function fitGarch(
  returns: readonly number[],
  fitter: Garch11Fitter,
  o: { varianceTargeting?: boolean } = {},
): Garch11Params | null {
  const meanSquare = returns.reduce((s, r) => s + r * r, 0) / Math.max(returns.length, 1);
  if (!(meanSquare > 0)) return null;
  const scale = Math.sqrt(meanSquare);
  const fitted = fitter(
    returns.map((r) => r / scale),
    { varianceTargeting: o.varianceTargeting ?? false },
  );
  const params = { omega: fitted.omega * meanSquare, alpha: fitted.alpha, beta: fitted.beta };
  const ok =
    [params.omega, params.alpha, params.beta].every((x) => Number.isFinite(x) && x >= 0) &&
    params.omega > 0 &&
    params.alpha + params.beta < 1;
  return ok ? params : null;
}

/** A distinct label for each of the six macro regimes of SPEC §6.3. */
export const REGIME_LABELS = {
  bull: 'Bull',
  bear: 'Bear',
  panic: 'Panic',
  high_vol_bull: 'High-vol bull',
  chop: 'Chop',
  unknown: 'Unknown',
} as const satisfies Record<string, string>;

/** Regime label; null → "No macro state yet"; a code outside the six is shown raw. */
export function regimeLabel(regime: string | null | undefined): string {
  if (regime === null || regime === undefined) return 'No macro state yet';
  return Object.hasOwn(REGIME_LABELS, regime) ? REGIME_LABELS[regime as keyof typeof REGIME_LABELS] : regime;
}

/** FOMO level of SPEC §10.3. */
export type FomoLevel = 'low' | 'medium' | 'high' | 'unknown';

/** low < 0.3 ≤ medium < 0.6 ≤ high; null (or not finite) → unknown; 0 is low. */
export function fomoLevel(score: number | null | undefined): FomoLevel {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'unknown';
  if (score < 0.3) return 'low';
  if (score < 0.6) return 'medium';
  return 'high';
}

/** Score (2 dp) and level, e.g. `0.00, low`; null → `unknown`. */
export function fomoText(score: number | null | undefined): string {
  const level = fomoLevel(score);
  if (level === 'unknown' || score === null || score === undefined) return 'unknown';
  return `${score.toFixed(2)}, ${level}`;
}

/** Whether the score is above the PQVolTrader gate (strictly, as the strategy holds only when `>`). */
export const aboveGate = (score: number | null | undefined, gate: number): boolean =>
  typeof score === 'number' && Number.isFinite(score) && score > gate;

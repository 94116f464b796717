/** Strike steps of one underlying: short (≤ 3 days), medium (≤ 8 days) and long expiries. */
export type StrikeSteps = readonly [number, number, number];

const SHORT_DAYS = 3;
const MEDIUM_DAYS = 8;
/** Fractions of the reference price behind the derived steps of an underlying without a table entry. */
const STEP_FRACTIONS = [0.01, 0.02, 0.05] as const;

/** The smallest "round" number (1, 2, 2.5 or 5 × 10^n) at least `x` (with a little float tolerance). */
export function roundStepAtLeast(x: number): number {
  if (!(x > 0)) throw new RangeError(`step must be > 0, got ${x}`);
  const scale = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * scale;
    if (step >= x * (1 - 1e-9)) return Number(step.toPrecision(12));
  }
  return 10 * scale;
}

/** Round strike steps for an underlying trading near `referencePrice` (1 %, 2 %, 5 % rounded up). */
export const deriveStrikeSteps = (referencePrice: number): StrikeSteps => [
  roundStepAtLeast(referencePrice * STEP_FRACTIONS[0]),
  roundStepAtLeast(referencePrice * STEP_FRACTIONS[1]),
  roundStepAtLeast(referencePrice * STEP_FRACTIONS[2]),
];

/** The step of an expiry `years` away. */
export function stepForExpiry(steps: StrikeSteps, years: number): number {
  const days = years * 365;
  if (days <= SHORT_DAYS) return steps[0];
  if (days <= MEDIUM_DAYS) return steps[1];
  return steps[2];
}

/**
 * `count` strikes (odd; 9 by default) on the grid of `step`, centred on the grid point nearest the
 * forward; strikes that would be ≤ 0 are replaced by more strikes above.
 */
export function strikesAround(forward: number, step: number, count: number = 9): number[] {
  const centre = Math.round(forward / step);
  const half = Math.floor(count / 2);
  const lowest = Math.max(centre - half, 1);
  return Array.from({ length: count }, (_, i) => Number(((lowest + i) * step).toPrecision(12)));
}

/** Colour level of Δ. */
export type DeltaLevel = 'green' | 'amber' | 'red';

/** Green below the hedger's threshold, amber below 2 × threshold, red beyond (SPEC §10.3). */
export function deltaLevel(delta: number, threshold: number): DeltaLevel {
  const abs = Math.abs(delta);
  if (abs < threshold) return 'green';
  if (abs < 2 * threshold) return 'amber';
  return 'red';
}

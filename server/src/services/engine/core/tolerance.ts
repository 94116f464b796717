/**
 * One tolerance for every limit comparison, the same in the engine's checks and in the reservation scripts
 * (`above`/`below` in `stores/scripts/reservation-common.lua`): sums of decimal quantities carry float
 * noise (0.1 + 0.2 is 0.30000000000000004), which must not refuse the last unit of a limit, and the
 * engine and the atomic script must agree at the boundary. Relative for bounds beyond 1, absolute below.
 */
export const LIMIT_TOLERANCE = 1e-9;

const slack = (bound: number): number => LIMIT_TOLERANCE * Math.max(1, Math.abs(bound));

/** `value` is beyond `bound` by more than the tolerance. */
export const above = (value: number, bound: number): boolean => value > bound + slack(bound);

/** `value` is short of `bound` by more than the tolerance. */
export const below = (value: number, bound: number): boolean => value < bound - slack(bound);

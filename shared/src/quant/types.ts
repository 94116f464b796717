/** Option type: a call or a put. */
export type OptionType = 'call' | 'put';

/**
 * The five first-order sensitivities of one option. Units depend on the producing function:
 * raw model units for {@link bsGreeks}/{@link black76Greeks}, venue display units for `venueGreeks`.
 */
export interface Greeks {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Greeks of an expired option (T ≤ 0): all zero. */
export const ZERO_GREEKS: Readonly<Greeks> = Object.freeze({
  delta: 0,
  gamma: 0,
  vega: 0,
  theta: 0,
  rho: 0,
});

/** Throws a RangeError naming the field unless `v` is a finite number. */
export function requireFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
}

/** Throws a RangeError naming the field unless `v` is a finite number > 0. */
export function requirePositive(name: string, v: number): void {
  if (!(v > 0) || v === Infinity) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
}

/** Throws a RangeError naming the field unless `v` is a finite number ≥ 0. */
export function requireNonNegative(name: string, v: number): void {
  if (!(v >= 0) || v === Infinity) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
}

/** Throws a RangeError unless `t` is 'call' or 'put'. */
export function requireType(t: string): void {
  if (t !== 'call' && t !== 'put') throw new RangeError(`type must be 'call' or 'put', got ${t}`);
}

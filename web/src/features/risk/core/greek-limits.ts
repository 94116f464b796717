/** Which Greek a limit applies to, and how it is measured against it. */
export type LimitedGreek = 'delta' | 'gamma' | 'vega' | 'theta';

/** How close a Greek is to its limit: under 80 %, from 80 %, beyond. */
export type LimitLevel = 'ok' | 'near' | 'over';

/** A Greek measured against its limit. */
export interface GreekUsage {
  /** |Greek| (for theta: the short theta, −θ, or 0 when the book earns theta) over the limit, ≥ 0 */
  share: number;
  level: LimitLevel;
}

/** The share of the limit from which a Greek is shown as near it. */
export const NEAR_SHARE = 0.8;

/**
 * The engine's Greek limits are absolute for Δ, Γ and vega (either sign counts), and one-sided for θ:
 * only a book that pays theta (θ < 0) uses the short-theta limit. Null when there is no limit.
 */
export function greekUsage(greek: LimitedGreek, value: number, limit: number | null): GreekUsage | null {
  if (limit === null || !(limit > 0)) return null;
  const measured = greek === 'theta' ? Math.max(0, -value) : Math.abs(value);
  const share = measured / limit;
  return { share, level: share > 1 ? 'over' : share >= NEAR_SHARE ? 'near' : 'ok' };
}

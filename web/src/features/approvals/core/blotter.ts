import type { RiskCheckVerdict } from '@gamma/shared';
import { checkLabel, reasonCodeLabel } from '@/lib/labels';

/** The check a blotter row shows: the first failing one, else the one nearest its limit. */
export interface ClosestCheck {
  check: string;
  passed: boolean;
  /** |value| / limit (1 = at the limit); null when the check has no figure */
  usage: number | null;
  reasonCode: RiskCheckVerdict['reason_code'];
}

/**
 * Checks whose figure grows away from trouble (seconds since the last duplicate, against the window): their
 * value / limit does not say how close they are, so they are shown only when they fail.
 */
const INVERSE_CHECKS: ReadonlySet<string> = new Set(['duplicate_intent']);

/** How much of its limit a check uses: |value| / |limit|, or null without both figures (or a zero limit). */
export function usageOf(c: Pick<RiskCheckVerdict, 'check' | 'value' | 'limit'>): number | null {
  if (INVERSE_CHECKS.has(c.check) || c.value === null || c.limit === null || c.limit === 0) return null;
  return Math.abs(c.value) / Math.abs(c.limit);
}

/**
 * The failing check (the first, in the engine's order) or, when all passed, the one with the highest value /
 * limit ratio; null when no check carries a figure.
 */
export function closestCheck(checks: readonly RiskCheckVerdict[]): ClosestCheck | null {
  const failed = checks.find((c) => !c.passed);
  if (failed)
    return { check: failed.check, passed: false, usage: usageOf(failed), reasonCode: failed.reason_code };
  let best: ClosestCheck | null = null;
  for (const c of checks) {
    const usage = usageOf(c);
    if (usage !== null && (best === null || (best.usage ?? -1) < usage))
      best = { check: c.check, passed: true, usage, reasonCode: null };
  }
  return best;
}

/** `Order notional 64%`, `✗ Gross leverage 112%`, `✗ Order notional: No reference price`; `—` for none. */
export function closestCheckText(closest: ClosestCheck | null): string {
  if (closest === null) return '—';
  const name = checkLabel(closest.check);
  const share = closest.usage === null ? '' : ` ${Math.round(closest.usage * 100)}%`;
  if (closest.passed) return `${name}${share}`;
  const why = closest.usage === null && closest.reasonCode ? `: ${reasonCodeLabel(closest.reasonCode)}` : '';
  return `✗ ${name}${share}${why}`;
}

/** The order's notional in USD: the figure of its `order_notional` check (null when absent or unpriced). */
export function notionalOf(checks: readonly RiskCheckVerdict[]): number | null {
  return checks.find((c) => c.check === 'order_notional')?.value ?? null;
}

/** Whole US dollars with thousands separators (`$12,345`); `—` when unknown. */
export function usdText(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : `$${Math.round(v).toLocaleString('en-US')}`;
}

/**
 * A check's figure, short: whole numbers with separators from 1,000 (`250,000`), else up to 4 decimals without
 * trailing zeros (`0.007`, `77.6298`); `—` when unknown.
 */
export function figureText(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toFixed(4)));
}

/** The checks nearest trouble first: failed ones (in the engine's order), then by share of limit used, then the rest. */
export function byCloseness(checks: readonly RiskCheckVerdict[]): RiskCheckVerdict[] {
  const rank = (c: RiskCheckVerdict): number => (c.passed ? (usageOf(c) ?? -1) : Infinity);
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(b.c) - rank(a.c) || a.i - b.i)
    .map(({ c }) => c);
}

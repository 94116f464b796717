import { useTimeZoneStore } from '@/stores/time-zone-store';
import { formatTime, UNKNOWN } from './time';

export { UNKNOWN };

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number with fixed decimals, or `—`. */
export const fixed = (v: number | null | undefined, dp: number): string =>
  isNum(v) ? v.toFixed(dp) : UNKNOWN;

/** A signed number with fixed decimals (`+0.07`, `-0.03`, `0.00`), or `—`. */
export function signed(v: number | null | undefined, dp: number): string {
  if (!isNum(v)) return UNKNOWN;
  const text = v.toFixed(dp);
  if (Number(text) === 0) return (0).toFixed(dp);
  return v > 0 ? `+${text}` : text;
}

/** An annualised vol (0.65) as vol points (`65.00`). */
export const volPoints = (v: number | null | undefined): string =>
  isNum(v) ? (v * 100).toFixed(2) : UNKNOWN;

/** A vol spread (0.07) as signed vol points (`+7.00 vol pts`). */
export const spreadVolPoints = (v: number | null | undefined): string =>
  isNum(v) ? `${signed(v * 100, 2)} vol pts` : UNKNOWN;

/** A ratio (0.334) as a percentage (`33.4%`). */
export const percent = (v: number | null | undefined, dp = 1): string =>
  isNum(v) ? `${(v * 100).toFixed(dp)}%` : UNKNOWN;

/** A small Greek (gamma) in a readable form: fixed decimals, or exponent when tiny. */
export function compact(v: number | null | undefined, dp = 6): string {
  if (!isNum(v)) return UNKNOWN;
  if (v !== 0 && Math.abs(v) < 10 ** -dp) return v.toExponential(2);
  return v.toFixed(dp);
}

/**
 * An ISO time as `HH:MM:SS` in the zone the user chose (UTC unless they picked local), or `—`. It reads the
 * choice when called: components that must re-render at once on a change use `TimeText` or `useFormatTime`.
 */
export function clockTime(iso: string | null | undefined): string {
  return formatTime(iso, useTimeZoneStore.getState().zone);
}

/** A duration in ms as `1h 02m`, `2m 05s` or `12s`; `—` when unknown. */
export function duration(ms: number | null | undefined): string {
  if (!isNum(ms)) return UNKNOWN;
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Milliseconds left until `expiresAt` (ISO), never negative; null when the time is unreadable. */
export function msLeft(expiresAt: string | null | undefined, nowMs: number): number | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** Whether an approval has expired: now ≥ expires_at (SPEC §5.3). */
export function isExpired(expiresAt: string | null | undefined, nowMs: number): boolean {
  if (!expiresAt) return false;
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && nowMs >= at;
}

/** Countdown text: `1:05` (m:ss), `expired` at or after expiry, `—` without a time. */
export function countdownText(expiresAt: string | null | undefined, nowMs: number): string {
  if (isExpired(expiresAt, nowMs)) return 'expired';
  const left = msLeft(expiresAt, nowMs);
  if (left === null) return '—';
  const s = Math.ceil(left / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

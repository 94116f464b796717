import { expiryInstantMs } from '@gamma/shared';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const FRIDAY = 5;

/** `YYYY-MM-DD` of a UTC instant. */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const midnightOf = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
const isLive = (date: string, nowMs: number, minLeadMs: number): boolean =>
  expiryInstantMs(date) - nowMs >= minLeadMs;

/** The first Friday expiry at least `minLeadMs` away. */
function nextFriday(nowMs: number, minLeadMs: number): number {
  const today = midnightOf(nowMs);
  const dow = new Date(today).getUTCDay();
  let day = today + ((FRIDAY - dow + 7) % 7) * DAY_MS;
  if (!isLive(utcDate(day), nowMs, minLeadMs)) day += 7 * DAY_MS;
  return day;
}

/** Midnight of the last Friday of the month `monthOffset` months after the month of `ms`. */
function lastFridayOfMonth(ms: number, monthOffset: number): number {
  const d = new Date(ms);
  const lastDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthOffset + 1, 0);
  const dow = new Date(lastDay).getUTCDay();
  return lastDay - ((dow - FRIDAY + 7) % 7) * DAY_MS;
}

/**
 * The listed expiries at `nowMs` (SPEC §8.2), ascending, each `YYYY-MM-DD` (08:00 UTC): tomorrow, the
 * next two Fridays and the last Friday of the month (next month's once this month's has passed). A
 * date already listed moves on to the following Friday; an expiry less than `minLeadMs` away is skipped.
 */
export function listExpiries(nowMs: number, minLeadMs: number = HOUR_MS): string[] {
  const tomorrow = midnightOf(nowMs) + DAY_MS;
  const friday = nextFriday(nowMs, minLeadMs);
  let monthEnd = lastFridayOfMonth(nowMs, 0);
  if (!isLive(utcDate(monthEnd), nowMs, minLeadMs)) monthEnd = lastFridayOfMonth(nowMs, 1);
  const taken = new Set<string>();
  for (const candidate of [tomorrow, friday, friday + 7 * DAY_MS, monthEnd]) {
    let day = candidate;
    while (taken.has(utcDate(day)) || !isLive(utcDate(day), nowMs, minLeadMs)) day += 7 * DAY_MS;
    taken.add(utcDate(day));
  }
  return [...taken].sort();
}

/** The nearest expiry at least `minLeadMs` (default 24 h) away, or null (SPEC §3.2 `atm_expiry`). */
export function nearestExpiryAtLeast(
  expiries: readonly string[],
  nowMs: number,
  minLeadMs: number = 24 * HOUR_MS,
): string | null {
  const live = expiries.filter((e) => isLive(e, nowMs, minLeadMs)).sort();
  return live[0] ?? null;
}

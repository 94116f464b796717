import { useTimeZoneStore, type TimeZoneChoice } from '@/stores/time-zone-store';

/** Shown for a value that is not known (null, undefined or not finite). */
export const UNKNOWN = '—';

/** `clock`: `HH:MM:SS`; `datetime`: `YYYY-MM-DD HH:MM:SS`; `ms`: `HH:MM:SS.mmm`. */
export type TimeStyle = 'clock' | 'datetime' | 'ms';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An ISO time (or epoch ms) in the chosen zone and style, or `—` when unknown. */
export function formatTime(
  at: string | number | null | undefined,
  zone: TimeZoneChoice,
  style: TimeStyle = 'clock',
): string {
  if (at === null || at === undefined || at === '') return UNKNOWN;
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return UNKNOWN;
  const d = new Date(ms);
  const utc = zone === 'utc';
  const [y, mo, day, h, mi, s, milli] = utc
    ? [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
        d.getUTCMilliseconds(),
      ]
    : [
        d.getFullYear(),
        d.getMonth() + 1,
        d.getDate(),
        d.getHours(),
        d.getMinutes(),
        d.getSeconds(),
        d.getMilliseconds(),
      ];
  const clock = `${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (style === 'ms') return `${clock}.${pad(milli, 3)}`;
  if (style === 'datetime') return `${y}-${pad(mo)}-${pad(day)} ${clock}`;
  return clock;
}

/** The zone's short label for headers: `UTC` or `local`. */
export const zoneLabel = (zone: TimeZoneChoice): string => (zone === 'utc' ? 'UTC' : 'local');

/** The formatter in the user's chosen zone; components using it re-render when the choice changes. */
export function useFormatTime(): (at: string | number | null | undefined, style?: TimeStyle) => string {
  const zone = useTimeZoneStore((s) => s.zone);
  return (at, style) => formatTime(at, zone, style);
}

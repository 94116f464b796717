import { formatTime, type TimeStyle } from '@/lib/time';
import { useTimeZoneStore } from '@/stores/time-zone-store';

/** A time in the user's chosen zone (UTC or local), in a `<time>` element carrying the ISO instant. */
export function TimeText({
  at,
  style = 'clock',
}: {
  at: string | number | null | undefined;
  style?: TimeStyle;
}) {
  const zone = useTimeZoneStore((s) => s.zone);
  const text = formatTime(at, zone, style);
  const ms = typeof at === 'number' ? at : at ? Date.parse(at) : Number.NaN;
  return Number.isFinite(ms) ? <time dateTime={new Date(ms).toISOString()}>{text}</time> : <>{text}</>;
}

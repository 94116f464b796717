import { formatTime, type TimeStyle, zoneLabel } from '@/lib/time';
import { useTimeZoneStore } from '@/stores/time-zone-store';

/**
 * A time in the user's chosen zone (UTC or local), in a `<time>` element carrying the ISO instant;
 * `withZone` appends the zone (`09:15:04 UTC`, `10:15:04 local`).
 */
export function TimeText({
  at,
  style = 'clock',
  withZone = false,
}: {
  at: string | number | null | undefined;
  style?: TimeStyle;
  withZone?: boolean;
}) {
  const zone = useTimeZoneStore((s) => s.zone);
  const text = formatTime(at, zone, style);
  const ms = typeof at === 'number' ? at : at ? Date.parse(at) : Number.NaN;
  if (!Number.isFinite(ms)) return <>{text}</>;
  return (
    <time dateTime={new Date(ms).toISOString()}>
      {text}
      {withZone ? ` ${zoneLabel(zone)}` : ''}
    </time>
  );
}

import { useTimeZoneStore } from '@/stores/time-zone-store';

/** The header's UTC / local switch; the choice is remembered in this browser. */
export function TimeZoneToggle() {
  const zone = useTimeZoneStore((s) => s.zone);
  const setZone = useTimeZoneStore((s) => s.setZone);
  const next = zone === 'utc' ? 'local' : 'utc';
  return (
    <button
      type="button"
      className="time-zone-toggle"
      aria-label={`Times in ${zone === 'utc' ? 'UTC' : 'local time'}; show in ${next === 'utc' ? 'UTC' : 'local time'}`}
      title="Show times in UTC or local time"
      onClick={() => setZone(next)}
    >
      {zone === 'utc' ? 'UTC' : 'Local'}
    </button>
  );
}

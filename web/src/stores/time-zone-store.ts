import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** How the console shows times: UTC (the default, the bus's clock) or the browser's local zone. */
export type TimeZoneChoice = 'utc' | 'local';

export interface TimeZoneState {
  zone: TimeZoneChoice;
  setZone: (zone: TimeZoneChoice) => void;
}

/** The user's choice of time zone, remembered in this browser (localStorage `gamma.timeZone`). */
export const useTimeZoneStore = create<TimeZoneState>()(
  persist((set) => ({ zone: 'utc', setZone: (zone) => set({ zone }) }), { name: 'gamma.timeZone' }),
);

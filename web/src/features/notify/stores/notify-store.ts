import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface NotifyState {
  /** The user asked for browser notifications (new pending approvals, raised alerts) in this browser */
  desktop: boolean;
  setDesktop: (on: boolean) => void;
}

/** Notification preferences, remembered in this browser (localStorage `gamma.notify`). */
export const useNotifyStore = create<NotifyState>()(
  persist((set) => ({ desktop: false, setDesktop: (desktop) => set({ desktop }) }), { name: 'gamma.notify' }),
);

import { create } from 'zustand';

/** One toast. */
export interface Notification {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface NotificationsState {
  items: Notification[];
  push: (n: Omit<Notification, 'id'>) => void;
  dismiss: (id: number) => void;
}

/** Most toasts kept on screen; the oldest go first. */
export const MAX_NOTIFICATIONS = 5;

let nextId = 1;

/** Toasts: every failed query or mutation lands here (CONVENTIONS §14). */
export const useNotificationsStore = create<NotificationsState>()((set) => ({
  items: [],
  // The same text already on screen is not repeated (polls fail together while the gateway is down).
  push: (n) =>
    set((s) =>
      s.items.some((item) => item.text === n.text)
        ? s
        : { items: [...s.items, { ...n, id: nextId++ }].slice(-MAX_NOTIFICATIONS) },
    ),
  dismiss: (id) => set((s) => ({ items: s.items.filter((item) => item.id !== id) })),
}));

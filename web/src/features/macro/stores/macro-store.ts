import type { MacroStateEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';

/** Most live macro states kept for the chart. */
export const MAX_MACRO_POINTS = 500;

/** Live macro state from `onMacroState`. */
export interface MacroLiveState {
  /** Received live, oldest first */
  events: readonly MacroStateEvent[];
}

/** Reducer: one macro state, appended (a repeat of the same timestamp and symbol is ignored). */
export function applyMacroState(state: MacroLiveState, event: MacroStateEvent): MacroLiveState {
  const last = state.events.at(-1);
  if (last && last.timestamp === event.timestamp && last.symbol === event.symbol) return state;
  return { events: [...state.events, event].slice(-MAX_MACRO_POINTS) };
}

export interface MacroState extends MacroLiveState {
  /** Last `market.macro_state` entry id applied, so a resumed subscription never adds a point twice */
  cursors: EntryCursors;
  /** One macro state with the stream entry id it was tracked by */
  receive: (event: MacroStateEvent, entryId: string) => void;
}

/** Live macro states; written only by `useMacroSubscription`. */
export const useMacroStore = create<MacroState>()((set) => ({
  events: [],
  cursors: {},
  receive: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'market.macro_state', id }, (x) => ({ ...x, ...applyMacroState(x, event) })),
    ),
}));

import type { TradingStateEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';
import { fieldOf, rowOfEvent, type ScopeRow } from '../core/trading-state-rows';

export interface TradingStateLive {
  /** The newest change seen live per scope (`global`, `strategy:<id>`, `underlying:<coin>`) */
  byField: Readonly<Record<string, ScopeRow>>;
  /** Last `risk.trading_state` entry id applied, so a resumed subscription never applies a change twice */
  cursors: EntryCursors;
  /** One change with the stream entry id it was tracked by */
  receive: (event: TradingStateEvent, entryId: string) => void;
}

/** Live trading states; written only by `useTradingStateSubscription`. */
export const useTradingStateStore = create<TradingStateLive>()((set) => ({
  byField: {},
  cursors: {},
  receive: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'risk.trading_state', id }, (x) => ({
        ...x,
        byField: { ...x.byField, [fieldOf(event)]: rowOfEvent(event) },
      })),
    ),
}));

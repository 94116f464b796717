import type { VolatilityForecastEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';
import { MAX_HISTORY_POINTS, type LiveSample } from '../core/vol-series';

/** What the Volatility page received live, per underlying. */
export interface VolatilityLiveState {
  /** Newest surface per underlying */
  surfaces: Readonly<Record<string, VolatilitySurfaceEvent>>;
  /** Newest forecast per underlying and horizon (`<underlying>|<horizon>`) */
  forecasts: Readonly<Record<string, VolatilityForecastEvent>>;
  /** ATM IV and forecast samples per underlying, oldest first (bounded) */
  samples: Readonly<Record<string, readonly LiveSample[]>>;
}

/** The key of a forecast in {@link VolatilityLiveState.forecasts}. */
export const forecastKey = (underlying: string, horizon: string): string => `${underlying}|${horizon}`;

const addSample = (state: VolatilityLiveState, underlying: string, sample: LiveSample) => ({
  ...state.samples,
  [underlying]: [...(state.samples[underlying] ?? []), sample].slice(-MAX_HISTORY_POINTS * 3),
});

/** Reducer: a surface received live. */
export function applySurface(state: VolatilityLiveState, s: VolatilitySurfaceEvent): VolatilityLiveState {
  return {
    ...state,
    surfaces: { ...state.surfaces, [s.underlying]: s },
    samples: addSample(state, s.underlying, { timestamp: s.timestamp, key: null, value: s.atm_iv }),
  };
}

/** Reducer: a forecast received live. */
export function applyForecast(state: VolatilityLiveState, f: VolatilityForecastEvent): VolatilityLiveState {
  return {
    ...state,
    forecasts: { ...state.forecasts, [forecastKey(f.underlying, f.forecast_horizon)]: f },
    samples: addSample(state, f.underlying, {
      timestamp: f.timestamp,
      key: f.forecast_horizon,
      value: f.predicted_volatility,
    }),
  };
}

export interface VolatilityState extends VolatilityLiveState {
  /** Last entry id applied per stream, so a resumed subscription applies nothing twice */
  cursors: EntryCursors;
  receiveSurface: (event: VolatilitySurfaceEvent, entryId: string) => void;
  receiveForecast: (event: VolatilityForecastEvent, entryId: string) => void;
}

/** Live surfaces and forecasts; written only by `useVolatilitySubscription`. */
export const useVolatilityStore = create<VolatilityState>()((set) => ({
  surfaces: {},
  forecasts: {},
  samples: {},
  cursors: {},
  receiveSurface: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'market.vol_surface', id }, (x) => ({ ...x, ...applySurface(x, event) })),
    ),
  receiveForecast: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'strategy.forecast.volatility', id }, (x) => ({
        ...x,
        ...applyForecast(x, event),
      })),
    ),
}));

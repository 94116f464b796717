import type {
  DeadLetterEvent,
  MacroStateEvent,
  PortfolioRiskEvent,
  RiskAlertEvent,
  VolatilityForecastEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import type { Stored } from './intents-state.ts';
import { compareIds, pushBounded } from './stream-id.ts';

/** Dead letters counted per source stream and group. */
export interface DeadLetterCount {
  source_stream: string;
  group: string;
  count: number;
  /** Entry id of the newest dead letter */
  last_entry_id: string;
}

/** Latest market, macro and risk state. Mutated in place by the `apply*` functions below. */
export interface MarketState {
  /** Latest surface per underlying */
  surfaces: Map<string, Stored<VolatilitySurfaceEvent>>;
  /** Latest forecast per `<underlying>|<horizon>` */
  forecasts: Map<string, Stored<VolatilityForecastEvent>>;
  /** Latest macro state per symbol (`''` = market-wide, symbol null) */
  macro: Map<string, Stored<MacroStateEvent>>;
  /** Recent macro states, oldest first (the regime chart) */
  macroHistory: Stored<MacroStateEvent>[];
  /** Latest portfolio risk per underlying (`''` = a whole-book event, underlying null) */
  portfolio: Map<string, Stored<PortfolioRiskEvent>>;
  /** Recent alerts, oldest first */
  alerts: Stored<RiskAlertEvent>[];
  /** Dead letters per `<source_stream>|<group>` */
  deadLetters: Map<string, DeadLetterCount>;
  maxHistory: number;
}

/** An empty market state keeping `maxHistory` macro states and alerts. */
export function createMarketState(maxHistory = 500): MarketState {
  return {
    surfaces: new Map(),
    forecasts: new Map(),
    macro: new Map(),
    macroHistory: [],
    portfolio: new Map(),
    alerts: [],
    deadLetters: new Map(),
    maxHistory,
  };
}

/** Sets `key` to `entry` unless a newer entry is there already. */
function setLatest<TMessage>(map: Map<string, Stored<TMessage>>, key: string, entry: Stored<TMessage>): void {
  const current = map.get(key);
  if (!current || compareIds(current.id, entry.id) < 0) map.set(key, entry);
}

/** The key of a forecast. */
export const forecastKey = (underlying: string, horizon: string): string => `${underlying}|${horizon}`;

/** Records a surface. */
export function applySurface(state: MarketState, entry: Stored<VolatilitySurfaceEvent>): void {
  setLatest(state.surfaces, entry.message.underlying, entry);
}

/** Records a forecast. */
export function applyForecast(state: MarketState, entry: Stored<VolatilityForecastEvent>): void {
  setLatest(state.forecasts, forecastKey(entry.message.underlying, entry.message.forecast_horizon), entry);
}

/** Records a macro state, latest per symbol and in the history. */
export function applyMacroState(state: MarketState, entry: Stored<MacroStateEvent>): void {
  setLatest(state.macro, entry.message.symbol ?? '', entry);
  const last = state.macroHistory.at(-1);
  if (last && compareIds(last.id, entry.id) >= 0) return;
  pushBounded(state.macroHistory, entry, state.maxHistory);
}

/** Records a portfolio risk event. */
export function applyPortfolioRisk(state: MarketState, entry: Stored<PortfolioRiskEvent>): void {
  setLatest(state.portfolio, entry.message.underlying ?? '', entry);
}

/** Records an alert. */
export function applyAlert(state: MarketState, entry: Stored<RiskAlertEvent>): void {
  const last = state.alerts.at(-1);
  if (last && compareIds(last.id, entry.id) >= 0) return;
  pushBounded(state.alerts, entry, state.maxHistory);
}

/** Counts a dead letter. */
export function applyDeadLetter(state: MarketState, entry: Stored<DeadLetterEvent>): void {
  const { source_stream, group } = entry.message;
  const key = `${source_stream}|${group}`;
  const current = state.deadLetters.get(key);
  if (current && compareIds(current.last_entry_id, entry.id) >= 0) return;
  state.deadLetters.set(key, {
    source_stream,
    group,
    count: (current?.count ?? 0) + 1,
    last_entry_id: entry.id,
  });
}

/** The macro state for an underlying: its own if any, else the market-wide one. */
export function macroFor(state: MarketState, underlying: string): Stored<MacroStateEvent> | null {
  return state.macro.get(underlying) ?? state.macro.get('') ?? null;
}

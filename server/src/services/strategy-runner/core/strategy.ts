import type {
  DailyHistoryEvent,
  IntentDecisionEvent,
  MacroStateEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StreamInput,
  VolatilityForecastEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';

/** A message a strategy asks the runner to publish. */
export type StrategyOutput =
  | { stream: 'strategy.intent'; message: StreamInput<'strategy.intent'> }
  | { stream: 'strategy.signal'; message: StreamInput<'strategy.signal'> };

/** Source of intent ids (UUID v4 in production; a counter in tests). */
export type IdGenerator = () => string;

/**
 * A strategy instance: a pure state machine. Each handler receives a decoded message and the runner's
 * "now" (epoch ms) and returns what to publish; no bus, no clock inside. Handlers a strategy does not
 * need are absent.
 */
export interface Strategy {
  /** Instance id, e.g. `pq_vol_trader_btc` */
  readonly id: string;
  /** Whether ticks of this symbol go to this instance */
  wantsTick(symbol: string): boolean;
  handleTick?(tick: MarketTickEvent, nowMs: number): StrategyOutput[];
  handleSurface?(surface: VolatilitySurfaceEvent, nowMs: number): StrategyOutput[];
  handleForecast?(forecast: VolatilityForecastEvent, nowMs: number): StrategyOutput[];
  handleMacroState?(macro: MacroStateEvent, nowMs: number): StrategyOutput[];
  /** Completed daily bars of a symbol (`market.daily_history`), merged with what ticks built; idempotent */
  handleDailyHistory?(history: DailyHistoryEvent, nowMs: number): StrategyOutput[];
  handlePortfolioRisk?(risk: PortfolioRiskEvent, nowMs: number): StrategyOutput[];
  /** Fills whose `strategy_id` is this instance */
  handleFill?(fill: OrderFillEvent, nowMs: number): StrategyOutput[];
  /** Position updates whose `strategy_id` is this instance */
  handlePositionUpdate?(update: PositionUpdateEvent, nowMs: number): StrategyOutput[];
  /** Decisions on intents whose `strategy_id` is this instance */
  handleDecision?(decision: IntentDecisionEvent, nowMs: number): StrategyOutput[];
  /**
   * Every fill, whoever owns it (read-only observation, no output), for instances that watch other
   * strategies' orders, e.g. the DeltaHedger's half-filled-structure rule
   */
  observeFill?(fill: OrderFillEvent, nowMs: number): void;
  /** Every decision, whoever owns the intent (read-only observation, no output) */
  observeDecision?(decision: IntentDecisionEvent, nowMs: number): void;
  /** Restores cooldown state at start-up from an intent this instance published earlier (oldest first) */
  restoreIntent?(intent: StrategyIntentEvent): void;
  /** A plain snapshot of the instance's state (for logs and display) */
  snapshot(): Record<string, unknown>;
  /** The instance's whole state as JSON, for the runner's durable snapshot */
  saveState?(): unknown;
  /** Takes a state `saveState` returned; false (the instance keeps its state) when it does not parse */
  loadState?(state: unknown): boolean;
}

/** Decision statuses after which an intent is no longer in flight (SPEC §4). */
export const TERMINAL_DECISION_STATUSES: ReadonlySet<string> = new Set([
  'vetoed',
  'expired',
  'rejected_on_recheck',
  'execution_rejected',
]);

/** ISO-8601 UTC of an epoch-ms instant, as written on the wire. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

/** Epoch ms of a decoded wire timestamp; NaN if unparsable. */
export const msOf = (timestamp: string): number => Date.parse(timestamp);

const DAY_MS = 86_400_000;

/** Epoch ms of 00:00 UTC on the day of a wire timestamp (of `fallbackMs` when it is unparsable). */
export function utcDayStartOf(timestamp: string, fallbackMs: number): number {
  const ms = Number.isFinite(msOf(timestamp)) ? msOf(timestamp) : fallbackMs;
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

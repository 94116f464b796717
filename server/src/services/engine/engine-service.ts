import type {
  IntentApprovalCommand,
  IntentDecisionEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StrategySignalEvent,
  StreamInput,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import type { ApprovalStore } from '../../stores/approvals/approval-store.ts';
import type { OnceMarks } from '../../stores/once/once-marks.ts';
import type { ReservationStore, StoredReservation } from '../../stores/reservations/reservation-store.ts';
import type { Service, ServiceDeps } from '../service.ts';
import type { EngineServiceConfig } from './config.ts';
import { convertSignal } from './core/convert-signal.ts';
import { buildDecision } from './core/decision.ts';
import {
  evaluateApproval,
  evaluateIntent,
  type EngineConfig,
  type Evaluation,
  type EvaluationContext,
  type Route,
} from './core/evaluate.ts';
import { tickMid } from './core/market-view.ts';
import {
  applyPortfolioRisk,
  applyPositionUpdate,
  initialPortfolio,
  strategyPosition,
  type PortfolioState,
} from './core/portfolio-state.ts';
import { RESERVATION_TTL_MS } from './core/reservations.ts';
import { checkAndReserve } from './check-and-reserve.ts';
import { StateTails } from './state-tails.ts';
import { withoutWhatIf, withWhatIf } from './core/what-if.ts';

/** Consumer group of the engine's work streams (`strategy.intent`, `strategy.signal`, `intent.approval`). */
export const ENGINE_GROUP = 'engine';
/** Idempotency keys live as long as intent ids are remembered (SPEC §5.2: 7 days). */
const ONCE_TTL_S = 7 * 24 * 3600;
/** The expiry sweep's period (SPEC §5.3 item 8). */
const SWEEP_MS = 1000;
/** How many recent entries rebuild state at start. */
const WARM_UP = { positions: 5000, ticks: 200, surfaces: 20 } as const;
/** How long an evaluation waits for the state tails to reach the newest state entries. */
const STATE_SYNC_TIMEOUT_MS = 5_000;

/** Options for tests and embedding. */
export interface EngineOptions {
  /** Run the expiry sweep every second (default true); tests call `sweep()` themselves */
  timers?: boolean;
}

/** What the engine's core reads of the engine's section of the configuration. */
export function engineConfigFrom(config: EngineServiceConfig): EngineConfig {
  return {
    limits: {
      maxDrawdownPct: config.maxDrawdownPct,
      maxPositionRatio: config.maxPositionRatio,
      minPositionRatio: config.minPositionRatio,
      maxSinglePositionPct: config.maxSinglePositionPct,
      maxGrossLeverage: config.maxGrossLeverage,
      maxPositionQty: config.maxPositionQty,
    },
    policy: { mode: config.approvalMode, autoApproveActions: config.autoApproveActions },
    approvalTtlS: config.approvalTtlS,
    minExpiryHours: config.minExpiryHours,
    strangleDelta: config.strangleDelta,
    priceBufferPct: config.priceBufferPct,
  };
}

/**
 * The engine (SPEC §5): intake of intents and legacy signals, pre-order risk checks, the approval
 * policy, pending approvals and their expiry, trader commands, reservations and routing.
 */
export class EngineService implements Service {
  readonly name = 'engine';
  private readonly config: EngineConfig;
  private readonly approvals: ApprovalStore;
  private readonly once: OnceMarks;
  private portfolio: PortfolioState;
  private readonly mids: Record<string, number> = {};
  private readonly surfaces: Record<string, VolatilitySurfaceEvent> = {};
  private readonly reservations: ReservationStore;
  private readonly subs: Subscription[] = [];
  private readonly state: StateTails;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: EngineOptions = {},
  ) {
    this.config = engineConfigFrom(deps.config.engine);
    this.approvals = deps.stores.approvals;
    this.once = deps.stores.once;
    this.reservations = deps.stores.reservations;
    this.portfolio = initialPortfolio(deps.config.engine.initialBalanceUsdt);
    this.state = new StateTails(deps.bus, deps.log);
  }

  /**
   * Warms up, then follows the state streams (`market.tick`, `market.vol_surface`, `position.update`,
   * `portfolio.risk`, `order.fill`, `intent.decision`) as tails without a group, so every engine process
   * sees all of them, and consumes the work streams in the `engine` group, so each intent, signal and
   * approval command is handled by one process.
   */
  async start(): Promise<void> {
    await this.warmUp();
    const { bus } = this.deps;
    this.subs.push(
      bus.subscribe('strategy.signal', ENGINE_GROUP, (m, e) => this.handleSignal(m, e)),
      bus.subscribe('strategy.intent', ENGINE_GROUP, (m) => this.handleIntent(m)),
      bus.subscribe('intent.approval', ENGINE_GROUP, (m) => this.handleApproval(m)),
    );
    if (this.options.timers ?? true) {
      this.timer = setInterval(() => {
        this.sweeping ??= this.sweep()
          .catch((err: unknown) => this.deps.log.error('expiry sweep failed', { error: String(err) }))
          .finally(() => {
            this.sweeping = null;
          });
      }, SWEEP_MS);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.subs.splice(0).map((s) => s.close()), this.state.close()]);
    await this.sweeping;
  }

  // ---- state inputs -------------------------------------------------------------------------

  handleTick(tick: MarketTickEvent): void {
    const mid = tickMid(tick);
    if (mid !== null) this.mids[tick.symbol] = mid;
  }

  handleSurface(surface: VolatilitySurfaceEvent): void {
    this.surfaces[surface.underlying] = surface;
  }

  handlePositionUpdate(update: PositionUpdateEvent): void {
    this.portfolio = applyPositionUpdate(this.portfolio, update);
  }

  handlePortfolioRisk(event: PortfolioRiskEvent): void {
    this.portfolio = applyPortfolioRisk(this.portfolio, event);
  }

  /** A fill shrinks its intent's reservation, once per fill entry whichever process applies it first. */
  async handleFill(fill: OrderFillEvent, entry: { id: string }): Promise<void> {
    if (fill.intent_id === null) return;
    await this.reservations.fill(
      { fillKey: entry.id, intentId: fill.intent_id, symbol: fill.symbol, quantity: fill.quantity },
      { nowMs: this.deps.clock.now(), ttlMs: RESERVATION_TTL_MS },
    );
  }

  async handleDecision(decision: IntentDecisionEvent): Promise<void> {
    if (decision.status === 'execution_rejected') await this.reservations.release(decision.intent_id);
  }

  // ---- intake ---------------------------------------------------------------------------------

  /** A legacy signal becomes an intent on `strategy.intent` (SPEC §5.2); `hold` is ignored. */
  async handleSignal(signal: StrategySignalEvent, entry: { id: string }): Promise<void> {
    const intent = convertSignal(signal, entry.id, {
      defaultQuantity: this.deps.config.engine.legacySignalDefaultQty,
      strategyPosition: strategyPosition(this.portfolio, signal.strategy_id, signal.symbol),
    });
    if (intent === null) return;
    await this.onceOnly(`signal:${entry.id}`, () => this.deps.bus.publish('strategy.intent', intent));
  }

  /** A new intent: checked, then vetoed, approved or left pending; a repeated intent_id is ignored. */
  async handleIntent(intent: StrategyIntentEvent): Promise<void> {
    await this.onceOnly(`intent:${intent.intent_id}`, async () => {
      await this.state.caughtUp(STATE_SYNC_TIMEOUT_MS);
      const evaluation = await this.checkAndReserve(intent, (ctx) => evaluateIntent(intent, ctx));
      if (evaluation.kind === 'hold') {
        this.deps.log.info('hold intent recorded', {
          intent_id: intent.intent_id,
          strategy_id: intent.strategy_id,
        });
        return;
      }
      if (evaluation.kind === 'pending') {
        await this.approvals.create({
          // The record is what approvals.pending returns: the console reads `what_if` from its intent
          intent: withWhatIf(intent, evaluation.whatIf),
          checks: evaluation.outcome.checks,
          expires_at: new Date(evaluation.expiresAtMs).toISOString(),
          created_at: new Date(this.deps.clock.now()).toISOString(),
          approval_mode: 'manual',
          status: 'pending',
        });
      }
      await this.apply(intent, evaluation);
    });
  }

  /** A trader's claimed approve or veto (SPEC §5.3 items 6–7); each command_id is handled once. */
  async handleApproval(command: IntentApprovalCommand): Promise<void> {
    await this.onceOnly(`command:${command.command_id}`, async () => {
      const record = await this.approvals.get(command.intent_id);
      if (!record || record.command_id !== command.command_id || record.status !== 'claimed') {
        this.deps.log.warn('approval command without a matching claim ignored', {
          intent_id: command.intent_id,
          command_id: command.command_id,
          status: record?.status ?? null,
          claimed_command_id: record?.command_id ?? null,
        });
        return;
      }
      const intent = withoutWhatIf(record.intent);
      if (command.command === 'veto') {
        await this.publishDecision(
          buildDecision(intent, {
            status: 'vetoed',
            decidedBy: command.requested_by,
            approvalMode: record.approval_mode,
            nowMs: this.deps.clock.now(),
            reasonCodes: ['MANUAL_VETO'],
            reason: command.reason,
          }),
        );
      } else {
        await this.state.caughtUp(STATE_SYNC_TIMEOUT_MS);
        const evaluation = await this.checkAndReserve(intent, (ctx) =>
          evaluateApproval(intent, ctx, command.requested_by),
        );
        await this.apply(intent, evaluation);
      }
      await this.approvals.markDone(intent.intent_id);
    });
  }

  /** Expires every pending approval past its `expires_at` (SPEC §5.3 item 8). */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    for (const intentId of await this.approvals.dueForExpiry(now)) {
      if (!(await this.approvals.expire(intentId, now))) continue;
      const record = await this.approvals.get(intentId);
      if (!record) continue;
      await this.publishDecision(
        buildDecision(record.intent, {
          status: 'expired',
          decidedBy: 'engine',
          approvalMode: record.approval_mode,
          nowMs: now,
          reasonCodes: ['APPROVAL_EXPIRED'],
          reason: `no decision within ${this.config.approvalTtlS} s`,
        }),
      );
    }
  }

  /** This process's picture of the account and the market (for inspection and tests). */
  stateView(): { portfolio: PortfolioState; mids: Readonly<Record<string, number>>; underlyings: string[] } {
    return { portfolio: this.portfolio, mids: { ...this.mids }, underlyings: Object.keys(this.surfaces) };
  }

  /** The live reservations (for inspection and tests). */
  currentReservations(): Promise<StoredReservation[]> {
    return this.reservations.list(this.deps.clock.now());
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private checkAndReserve(
    intent: StrategyIntentEvent,
    evaluate: (ctx: EvaluationContext) => Evaluation,
  ): Promise<Evaluation> {
    return checkAndReserve(
      {
        reservations: this.reservations,
        config: this.config,
        log: this.deps.log,
        state: () => ({ portfolio: this.portfolio, market: { mids: this.mids, surfaces: this.surfaces } }),
      },
      { intent, nowMs: this.deps.clock.now(), evaluate },
    );
  }

  private async apply(intent: StrategyIntentEvent, evaluation: Evaluation): Promise<void> {
    if (evaluation.kind === 'hold') return;
    if (evaluation.kind === 'approved') {
      await this.publishDecision(evaluation.decision);
      await this.publishRoute(intent.intent_id, evaluation.route);
      return;
    }
    await this.publishDecision(evaluation.decision);
  }

  /** Publishes a decision once per decision_id. */
  private async publishDecision(decision: StreamInput<'intent.decision'>): Promise<void> {
    await this.onceOnly(`decision:${decision.decision_id}`, () =>
      this.deps.bus.publish('intent.decision', decision),
    );
  }

  /** Publishes the order or execution command of an intent once. */
  private async publishRoute(intentId: string, route: Route): Promise<void> {
    await this.onceOnly(`routed:${intentId}`, () =>
      route.stream === 'order.command'
        ? this.deps.bus.publish('order.command', route.message)
        : this.deps.bus.publish('execution.command', route.message),
    );
  }

  /** Runs an effect once per key; a failed effect releases the key so a redelivery can retry it. */
  private async onceOnly(key: string, effect: () => Promise<unknown>): Promise<void> {
    if (!(await this.once.claim('engine', key, ONCE_TTL_S))) return;
    try {
      await effect();
    } catch (err) {
      await this.once.release('engine', key);
      throw err;
    }
  }

  /**
   * Rebuilds positions, equity and marks from the newest entries, so a restart starts informed, then
   * follows each state stream from just after what the warm-up read. Fills and decisions only change the
   * shared reservations, so their tails start at the newest entry.
   */
  private async warmUp(): Promise<void> {
    const { bus } = this.deps;
    const [positions, risk, ticks, surfaces, fills, decisions] = await Promise.all([
      bus.latest('position.update', WARM_UP.positions),
      bus.latest('portfolio.risk', 1),
      bus.latest('market.tick', WARM_UP.ticks),
      bus.latest('market.vol_surface', WARM_UP.surfaces),
      bus.latest('order.fill', 1),
      bus.latest('intent.decision', 1),
    ]);
    for (const e of [...positions].reverse()) this.handlePositionUpdate(e.message);
    for (const e of risk) this.handlePortfolioRisk(e.message);
    for (const e of [...ticks].reverse()) this.handleTick(e.message);
    for (const e of [...surfaces].reverse()) this.handleSurface(e.message);
    const after = (newest: readonly { id: string }[]) => newest[0]?.id ?? '0-0';
    this.state.follow('market.tick', after(ticks), (m) => this.handleTick(m));
    this.state.follow('market.vol_surface', after(surfaces), (m) => this.handleSurface(m));
    this.state.follow('position.update', after(positions), (m) => this.handlePositionUpdate(m));
    this.state.follow('portfolio.risk', after(risk), (m) => this.handlePortfolioRisk(m));
    this.state.follow('order.fill', after(fills), (m, e) => this.handleFill(m, e));
    this.state.follow('intent.decision', after(decisions), (m) => this.handleDecision(m));
  }
}

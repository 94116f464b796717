import { isOptionSymbol } from '@gamma/shared';
import type {
  IntentApprovalCommand,
  IntentDecisionEvent,
  MacroStateEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StrategySignalEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import type { ReservationStore } from '../../stores/reservations/reservation-store.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { ApprovalHandler } from './approval-handler.ts';
import { checkAndReserve, sharedBookReads } from './check-and-reserve.ts';
import { bookFillOf } from './core/book-view.ts';
import type { EngineConfig } from './core/evaluate.ts';
import { engineConfigFrom } from './engine-config.ts';
import { RESERVATION_TTL_MS } from './core/reservations.ts';
import { strategyPosition } from './core/portfolio-state.ts';
import type { EngineContext } from './engine-context.ts';
import { EngineEffects } from './engine-effects.ts';
import { ENGINE_SNAPSHOT_OWNER, EngineState, type EngineStateView } from './engine-state.ts';
import { ExpiryHandler } from './expiry-handler.ts';
import { HaltHandler } from './halt-handler.ts';
import { PolicyStateHandler } from './policy-state-handler.ts';
import { IntakeHandler } from './intake-handler.ts';
import { RiskRecordsFeed } from './risk-records.ts';
import { StateTails } from './state-tails.ts';
import { restoreEngineState } from './state-restore.ts';
import { PeriodicSnapshots } from '../snapshotting.ts';

/** Consumer group of the engine's work streams (`strategy.intent`, `strategy.signal`, `intent.approval`). */
export const ENGINE_GROUP = 'engine';
/** The expiry sweep's period (SPEC §5.3 item 8). */
const SWEEP_MS = 1000;
/** How often a wait for the state tails logs that it is still waiting (it never gives up while running). */
const STATE_SYNC_ROUND_MS = 5_000;

export { engineConfigFrom } from './engine-config.ts';

/** Options for tests and embedding. */
export interface EngineOptions {
  /** Run the expiry sweep every second (default true); tests call `sweep()` themselves */
  timers?: boolean;
}

/**
 * The engine (SPEC §5): intake of intents and legacy signals, pre-order risk checks, the approval
 * policy, pending approvals and their expiry, trader commands, reservations and routing. This shell holds
 * the process's state and its subscriptions; {@link IntakeHandler}, {@link ApprovalHandler} and
 * {@link ExpiryHandler} decide, around the approval state machine of `core/approval-machine.ts`.
 */
export class EngineService implements Service {
  readonly name = 'engine';
  private readonly config: EngineConfig;
  private readonly state: EngineState;
  private readonly reservations: ReservationStore;
  private readonly subs: Subscription[] = [];
  private readonly tails: StateTails;
  private readonly intake: IntakeHandler;
  private readonly approval: ApprovalHandler;
  private readonly expiry: ExpiryHandler;
  private readonly halt: HaltHandler;
  private readonly policyStates: PolicyStateHandler;
  private readonly snapshots: PeriodicSnapshots;
  private readonly records: RiskRecordsFeed;
  private readonly closing = new AbortController();
  private restored = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: EngineOptions = {},
  ) {
    this.config = engineConfigFrom(deps.config.engine);
    this.reservations = deps.stores.reservations;
    this.state = new EngineState(deps.config.engine.initialBalanceUsdt);
    this.records = new RiskRecordsFeed({
      state: this.state,
      config: this.config,
      clock: deps.clock,
      dayStarts: deps.stores.dayStarts,
      lossStreaks: deps.stores.lossStreaks,
    });
    this.tails = new StateTails(deps.bus, deps.log);
    this.snapshots = new PeriodicSnapshots(
      { snapshots: deps.stores.snapshots, log: deps.log },
      ENGINE_SNAPSHOT_OWNER,
      () => (this.restored ? this.state.snapshot(deps.clock.now()) : null),
    );
    const ctx = this.context();
    this.intake = new IntakeHandler(ctx, {
      legacySignalDefaultQty: deps.config.engine.legacySignalDefaultQty,
    });
    this.approval = new ApprovalHandler(ctx);
    this.expiry = new ExpiryHandler(ctx);
    this.halt = new HaltHandler({
      approvals: deps.stores.approvals,
      tradingStates: deps.stores.tradingStates,
      clock: deps.clock,
      log: deps.log,
    });
    this.policyStates = new PolicyStateHandler({
      tradingStates: deps.stores.tradingStates,
      policy: this.config.policy,
      clock: deps.clock,
      log: deps.log,
    });
  }

  /**
   * Restores its state (snapshot, then the streams after it) and follows the state streams
   * (`market.tick`, `market.vol_surface`, `position.update`, `portfolio.risk`, `intent.decision`) as
   * tails without a group, so every engine process sees all of them; once the tails
   * have caught up, consumes the work streams in the `engine` group, so each intent, signal and approval
   * command is handled by one process.
   */
  async start(): Promise<void> {
    await this.restore();
    // A trading-state change whose process died before its event reached the stream is published now
    await this.deps.stores.tradingStates
      .publishPending()
      .catch((err: unknown) =>
        this.deps.log.error('trading-state outbox not published', { error: String(err) }),
      );
    // APPROVAL_MODE=policy: the global REDUCING follows the level the restored macro state gives
    await this.policyStates.onMacro(this.state.current(this.deps.clock.now()).macro);
    const { bus } = this.deps;
    this.snapshots.start(this.deps.config.process.snapshotIntervalS * 1000);
    this.subs.push(
      bus.subscribe('strategy.signal', ENGINE_GROUP, (m, e) => this.handleSignal(m, e)),
      // The intents of one read are decided at once (their Redis calls go out together; one state check
      // and one book read); each is still checked and reserved atomically by the reserve script
      bus.subscribe('strategy.intent', ENGINE_GROUP, (m, e) => this.handleIntent(m, e), {
        concurrency: 1000,
      }),
      bus.subscribe('intent.approval', ENGINE_GROUP, (m) => this.handleApproval(m)),
    );
    if (this.options.timers ?? true) {
      this.timer = setInterval(() => {
        this.sweeping ??= this.sweep()
          .catch((err: unknown) => this.deps.log.error('expiry sweep failed', { error: String(err) }))
          .then(async () => {
            await this.vetoHalted();
          })
          .catch((err: unknown) => this.deps.log.error('halt sweep failed', { error: String(err) }))
          .finally(() => {
            this.sweeping = null;
          });
      }, SWEEP_MS);
    }
  }

  /** Stops reading, then saves a last snapshot of the state it stopped at. */
  async close(): Promise<void> {
    this.closing.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.subs.splice(0).map((s) => s.close()), this.tails.close()]);
    await this.sweeping;
    await this.snapshots.close();
  }

  // ---- state inputs -------------------------------------------------------------------------

  handleTick(tick: MarketTickEvent): void {
    this.state.applyTick(tick);
  }

  handleSurface(surface: VolatilitySurfaceEvent): void {
    this.state.applySurface(surface);
  }

  /** Applies a position update; with its entry, the positions then cover that entry. */
  handlePositionUpdate(update: PositionUpdateEvent, entry?: { id: string }): void {
    this.state.applyPositionUpdate(update, entry?.id);
  }

  handlePortfolioRisk(event: PortfolioRiskEvent): void {
    this.state.applyPortfolioRisk(event);
  }

  /**
   * The latest market-wide macro state: the approval policy's level; under `APPROVAL_MODE=policy` a change
   * to or from extreme sets or lifts the global REDUCING.
   */
  async handleMacroState(event: MacroStateEvent): Promise<void> {
    this.state.applyMacroState(event);
    await this.policyStates.onMacro(this.state.current(this.deps.clock.now()).macro);
  }

  /**
   * A fill becomes held and leaves its reservation in one atomic step (issue 9), once per order id
   * whichever engine process applies it first; fills of no intent (settlements) move held too.
   */
  async handleFill(fill: OrderFillEvent, entry?: { id: string }): Promise<void> {
    if (!(fill.quantity > 0)) return;
    const options = { nowMs: this.deps.clock.now(), ttlMs: RESERVATION_TTL_MS };
    await this.reservations.fill(bookFillOf(fill, entry?.id ?? null), options);
  }

  /**
   * `execution_rejected` frees the intent's reservation when nothing of it can still fill: option
   * execution refused the whole command, or the exchange refused a single-instrument order. When the
   * exchange refuses one option leg, the other legs may be open or filled with their fills still on the
   * way, so the reservation stays until those fills shrink it or its TTL ends (capacity held a little
   * longer, never a gap another engine could approve into).
   */
  async handleDecision(decision: IntentDecisionEvent): Promise<void> {
    if (decision.status !== 'execution_rejected') return;
    const orderSymbol = decision.metadata.order_symbol;
    const optionLeg =
      decision.decided_by === 'paper_exchange' &&
      typeof orderSymbol === 'string' &&
      isOptionSymbol(orderSymbol);
    if (!optionLeg) await this.reservations.release(decision.intent_id);
  }

  // ---- work streams, delegated --------------------------------------------------------------------

  /** A legacy signal becomes an intent on `strategy.intent` (SPEC §5.2); `hold` is ignored. */
  handleSignal(signal: StrategySignalEvent, entry: { id: string }): Promise<void> {
    return this.intake.handleSignal(signal, entry);
  }

  /** A new intent: checked, then vetoed, approved or left pending; a repeated intent_id is ignored. */
  handleIntent(intent: StrategyIntentEvent, entry?: { id: string }): Promise<void> {
    return this.intake.handleIntent(intent, entry);
  }

  /** A trader's claimed approve or veto (SPEC §5.3 items 6–7); each command_id is handled once. */
  handleApproval(command: IntentApprovalCommand): Promise<void> {
    return this.approval.handle(command);
  }

  /** Expires every pending approval past its `expires_at` (SPEC §5.3 item 8). */
  sweep(): Promise<void> {
    return this.expiry.sweep();
  }

  /**
   * Vetoes every pending approval under a HALTED scope (`TRADING_HALTED`), once whichever engine claims it
   * first; run every second after the expiry sweep. Returns how many this call claimed.
   */
  vetoHalted(): Promise<number> {
    return this.halt.sweep();
  }

  /** This process's picture of the account and the market (for inspection and tests). */
  stateView(): EngineStateView {
    return this.state.view();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The handlers' view of this process: its state, read at each call, and the effects. */
  private context(): EngineContext {
    const { deps, config } = this;
    const readBook = sharedBookReads(this.reservations);
    return {
      config,
      clock: deps.clock,
      log: deps.log,
      approvals: deps.stores.approvals,
      effects: new EngineEffects({ once: deps.stores.once }),
      portfolio: () => this.state.portfolio(),
      caughtUp: (since) => this.tails.caughtUp(STATE_SYNC_ROUND_MS, since),
      prefetchBook: (since) => readBook(deps.clock.now(), since),
      checkAndReserve: async (intent, evaluate, since) => {
        const nowMs = deps.clock.now();
        await this.records.claimDayStart(nowMs);
        return checkAndReserve(
          {
            reservations: this.reservations,
            readBook: (ms) => readBook(ms, since),
            config,
            log: deps.log,
            state: () => this.state.current(nowMs),
          },
          { intent, nowMs, evaluate },
        );
      },
    };
  }

  /** Restores the state and waits until its tails reach the entries published before the start. */
  private async restore(): Promise<void> {
    const { deps } = this;
    const startedMs = performance.now();
    await this.records.load();
    const { snapshotId } = await restoreEngineState(
      {
        bus: deps.bus,
        snapshots: deps.stores.snapshots,
        log: deps.log,
        signal: this.closing.signal,
        state: this.state,
        tails: this.tails,
        reservations: this.reservations,
        ledger: deps.stores.ledger,
        nowMs: () => deps.clock.now(),
      },
      {
        position: async (m, e) => {
          const previous = strategyPosition(this.state.portfolio(), m.strategy_id, m.symbol);
          this.handlePositionUpdate(m, e);
          await this.records.recordClose(m, previous, e.id);
        },
        fill: (m, e) => this.handleFill(m, e),
        decision: (m) => this.handleDecision(m),
        macro: (m) => this.handleMacroState(m),
        risk: (m) => this.records.claimDayStart(Date.parse(m.timestamp)),
      },
    );
    await this.tails.caughtUp(STATE_SYNC_ROUND_MS);
    this.restored = true;
    deps.log.info('engine state restored', {
      snapshot_covers: snapshotId,
      positions_cover: this.state.positionsCover(),
      ms: Math.round(performance.now() - startedMs),
    });
  }
}

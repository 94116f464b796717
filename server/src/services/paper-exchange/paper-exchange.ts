import type {
  MarketTickEvent,
  OrderCommand,
  ReasonCode,
  StreamInput,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import { underlyingOf } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import type { OrderLedger, OrderOutcome } from '../../stores/ledger/order-ledger.ts';
import { iso } from '../../lib/clock.ts';
import type { Service, ServiceDeps } from '../service.ts';
import {
  PaperExchangeConfigSchema,
  type PaperExchangeConfig,
  type PaperExchangeConfigInput,
} from './config.ts';
import { instrumentKind, quoteOf, spotOf, type MarketBook, type Quote } from './core/book.ts';
import { decideFill, feeFor } from './core/fill-model.ts';
import { applyFill, FLAT, type PaperPosition } from './core/paper-position.ts';
import { executionRejected, legOf } from './core/rejection.ts';
import { dueSettlements, type Settlement } from './core/settlement.ts';

/** Consumer group of the paper exchange. */
export const PAPER_EXCHANGE_GROUP = 'paper-exchange';

/** Options for tests and embedding. */
export interface PaperExchangeOptions {
  /** Overrides of the config read from the environment */
  config?: Partial<PaperExchangeConfigInput>;
}

interface Held {
  strategyId: string;
  symbol: string;
  position: PaperPosition;
}

interface FillInput {
  strategyId: string;
  symbol: string;
  side: OrderCommand['side'];
  quantity: number;
  price: number;
  fee: number;
  intentId: string | null;
  clientOrderId: string;
  metadata: Record<string, unknown>;
}

const heldKey = (strategyId: string, symbol: string): string => `${strategyId}|${symbol}`;
const quoteMid = (q: Quote | null): number | null =>
  q && q.bid !== null && q.ask !== null && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : null;

/**
 * The paper exchange (SPEC §8.1): fills `order.command` against the latest ticks and surfaces,
 * once per `client_order_id`, and publishes `order.fill` then `position.update`; settles expired options.
 */
export class PaperExchange implements Service {
  readonly name = 'paper-exchange';
  private readonly ledger: OrderLedger;
  private readonly config: PaperExchangeConfig;
  private readonly ticks = new Map<string, MarketTickEvent>();
  private readonly surfaces = new Map<string, VolatilitySurfaceEvent>();
  private readonly book: MarketBook = { ticks: this.ticks, surfaces: this.surfaces };
  private readonly held = new Map<string, Held>();
  private readonly subs: Subscription[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: PaperExchangeOptions = {},
  ) {
    this.config = PaperExchangeConfigSchema.parse({
      ...deps.config.paperExchange,
      ...options.config,
    });
    this.ledger = deps.stores.ledger;
  }

  async start(): Promise<void> {
    for (const p of await this.ledger.loadPositions())
      this.held.set(heldKey(p.strategyId, p.symbol), {
        strategyId: p.strategyId,
        symbol: p.symbol,
        position: p,
      });
    await this.warmUp();
    const { bus } = this.deps;
    this.subs.push(
      bus.subscribe('market.tick', PAPER_EXCHANGE_GROUP, (m) => this.handleTick(m)),
      bus.subscribe('market.vol_surface', PAPER_EXCHANGE_GROUP, (m) => this.handleSurface(m)),
      bus.subscribe('order.command', PAPER_EXCHANGE_GROUP, (m, e) => this.handleOrder(m, e)),
    );
    if (this.config.timers) {
      this.timer = setInterval(() => {
        this.settleExpired().catch((error: unknown) => this.fail('expiry settlement', error));
      }, this.config.settlementCheckMs);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.subs.splice(0).map((s) => s.close()));
  }

  /** Keeps the latest tick per symbol. */
  handleTick(tick: MarketTickEvent): void {
    this.ticks.set(tick.symbol, tick);
  }

  /** Keeps the latest surface per underlying. */
  handleSurface(surface: VolatilitySurfaceEvent): void {
    this.surfaces.set(surface.underlying, surface);
  }

  /**
   * Fills or rejects one order command, at most once per `client_order_id`. If the fill or rejection
   * cannot be published, the claim is released and the error rethrown, so the redelivery retries.
   */
  async handleOrder(order: OrderCommand, entry: { id: string }): Promise<void> {
    const clientOrderId = order.client_order_id ?? `ext-${entry.id}`;
    const claimKey = order.command === 'create' ? clientOrderId : `${order.command}:${clientOrderId}`;
    if (!(await this.ledger.claim(claimKey))) {
      const known = await this.ledger.outcome(claimKey);
      const fields = { client_order_id: clientOrderId, outcome: known?.status ?? 'in progress' };
      this.deps.log.info('repeated client_order_id ignored', fields);
      return;
    }
    let outcome: OrderOutcome;
    try {
      outcome = await this.execute(order, clientOrderId);
    } catch (error) {
      await this.ledger.release(claimKey);
      throw error;
    }
    await this.ledger
      .recordOutcome(claimKey, outcome)
      .catch((e: unknown) => this.fail('recording an outcome', e));
  }

  private async execute(order: OrderCommand, clientOrderId: string): Promise<OrderOutcome> {
    const at = this.deps.clock.now();
    const quote = quoteOf(this.book, order.symbol, this.config.spreadBps);
    const decision = decideFill(order, quote);
    if (!decision.ok) {
      await this.reject(order, { code: decision.code, reason: decision.reason, clientOrderId });
      return { status: 'rejected', reasonCode: decision.code, at };
    }
    const spot = spotOf(this.book, underlyingOf(order.symbol));
    const kind = instrumentKind(order.symbol);
    const fee = feeFor({ kind, price: decision.price, quantity: order.quantity, spot });
    const metadata = {
      leg: legOf(order, clientOrderId),
      settlement: false,
      intent_type: order.metadata.intent_type ?? null,
    };
    await this.bookFill(
      {
        strategyId: order.strategy_id,
        symbol: order.symbol,
        side: order.side,
        quantity: order.quantity,
        price: decision.price,
        fee,
        intentId: order.intent_id,
        clientOrderId,
        metadata,
      },
      quoteMid(quote),
    );
    return { status: 'filled', price: decision.price, quantity: order.quantity, fee, at };
  }

  /** Settles every open option position whose expiry has passed (SPEC §8.1); returns how many. */
  async settleExpired(): Promise<number> {
    const due = dueSettlements(this.held, this.deps.clock.now(), (u) => spotOf(this.book, u));
    for (const s of due) await this.settle(s);
    return due.length;
  }

  /** The exchange's current quote of a symbol (SPEC §8.1 book), null when none. */
  quote(symbol: string): Quote | null {
    return quoteOf(this.book, symbol, this.config.spreadBps);
  }

  /** Open positions the exchange keeps, per strategy and symbol. */
  positions(): Held[] {
    return [...this.held.values()].map((h) => ({ ...h, position: { ...h.position } }));
  }

  private async settle(s: Settlement): Promise<void> {
    if (!(await this.ledger.claim(s.clientOrderId))) {
      // Settled before a restart; the position record was not cleared in time.
      await this.setPosition(s.strategyId, s.symbol, FLAT);
      return;
    }
    const fill = {
      strategyId: s.strategyId,
      symbol: s.symbol,
      side: s.side,
      quantity: s.quantity,
      price: s.price,
      fee: 0,
      intentId: null,
      clientOrderId: s.clientOrderId,
      metadata: { leg: null, settlement: true },
    };
    try {
      await this.bookFill(fill, s.price);
    } catch (error) {
      await this.ledger.release(s.clientOrderId);
      throw error;
    }
    const outcome = {
      status: 'filled' as const,
      price: s.price,
      quantity: s.quantity,
      fee: 0,
      at: this.deps.clock.now(),
    };
    await this.ledger
      .recordOutcome(s.clientOrderId, outcome)
      .catch((e: unknown) => this.fail('recording an outcome', e));
  }

  /**
   * Books a fill: publishes `order.fill` (a failure throws, nothing changed), then updates the
   * position, publishes `position.update` and persists it; failures after the fill are logged, since
   * the fill stands and must not be repeated.
   */
  private async bookFill(f: FillInput, mark: number | null): Promise<void> {
    const key = heldKey(f.strategyId, f.symbol);
    const after = applyFill(this.held.get(key)?.position ?? FLAT, f);
    const timestamp = iso(this.deps.clock.now());
    const fill: StreamInput<'order.fill'> = {
      strategy_id: f.strategyId,
      order_id: `paper-${f.clientOrderId}`,
      symbol: f.symbol,
      side: f.side,
      quantity: f.quantity,
      price: f.price,
      fee: f.fee,
      intent_id: f.intentId,
      client_order_id: f.clientOrderId,
      timestamp,
      metadata: { fee_currency: 'USDT', liquidity: 'taker', ...f.metadata, intent_id: f.intentId },
    };
    await this.deps.bus.publish('order.fill', fill);
    this.held.set(key, { strategyId: f.strategyId, symbol: f.symbol, position: after });
    try {
      await this.publishPosition(f, { after, mark, timestamp });
      await this.persist(f.strategyId, f.symbol, after);
    } catch (error) {
      this.fail(`position update of ${f.symbol} after fill ${f.clientOrderId}`, error);
    }
  }

  private async publishPosition(
    f: FillInput,
    s: { after: PaperPosition; mark: number | null; timestamp: string },
  ): Promise<void> {
    const { after, mark, timestamp } = s;
    await this.deps.bus.publish('position.update', {
      strategy_id: f.strategyId,
      symbol: f.symbol,
      quantity: after.quantity,
      avg_price: after.avgPrice,
      unrealized_pnl: mark === null || after.quantity === 0 ? 0 : (mark - after.avgPrice) * after.quantity,
      timestamp,
      metadata: {
        account_quantity: this.accountQuantity(f.symbol),
        realized_pnl: after.realizedPnl,
        intent_id: f.intentId,
        client_order_id: f.clientOrderId,
      },
    });
  }

  private async setPosition(strategyId: string, symbol: string, position: PaperPosition): Promise<void> {
    this.held.set(heldKey(strategyId, symbol), { strategyId, symbol, position });
    await this.persist(strategyId, symbol, position);
  }

  private async persist(strategyId: string, symbol: string, position: PaperPosition): Promise<void> {
    if (position.quantity === 0) this.held.delete(heldKey(strategyId, symbol));
    await this.ledger.savePosition({ strategyId, symbol, ...position });
  }

  // Seeds the book from the newest retained market data that is still fresh.
  private async warmUp(): Promise<void> {
    const { bus, clock } = this.deps;
    const oldest = clock.now() - this.config.warmupMaxAgeS * 1000;
    const fresh = (m: { timestamp: string }) => Date.parse(m.timestamp) >= oldest;
    const [ticks, surfaces] = await Promise.all([
      bus.latest('market.tick', 200),
      bus.latest('market.vol_surface', 20),
    ]);
    for (const e of [...ticks].reverse()) if (fresh(e.message)) this.handleTick(e.message);
    for (const e of [...surfaces].reverse()) if (fresh(e.message)) this.handleSurface(e.message);
  }

  private fail(what: string, error: unknown): void {
    this.deps.log.error(`${what} failed`, { error: String(error) });
  }

  private accountQuantity(symbol: string): number {
    let total = 0;
    for (const h of this.held.values()) if (h.symbol === symbol) total += h.position.quantity;
    return total;
  }

  private async reject(
    order: OrderCommand,
    rejection: { code: ReasonCode; reason: string; clientOrderId: string },
  ): Promise<void> {
    const fields = {
      client_order_id: rejection.clientOrderId,
      code: rejection.code,
      reason: rejection.reason,
    };
    if (order.intent_id === null) {
      this.deps.log.warn('order rejected (no intent_id: no decision event)', fields);
      return;
    }
    this.deps.log.info('order rejected', fields);
    await this.deps.bus.publish(
      'intent.decision',
      executionRejected({ ...order, intent_id: order.intent_id }, rejection, iso(this.deps.clock.now())),
    );
  }
}

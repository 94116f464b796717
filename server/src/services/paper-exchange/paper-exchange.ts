import type { MarketTickEvent, OrderCommand, VolatilitySurfaceEvent } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import { followStream } from '../follow-stream.ts';
import type { Service, ServiceDeps } from '../service.ts';
import {
  PaperExchangeConfigSchema,
  type PaperExchangeConfig,
  type PaperExchangeConfigInput,
} from './config.ts';
import { quoteOf, spotOf, type MarketBook, type Quote } from './core/book.ts';
import { OrderHandler, type PaperMarket } from './order-handler.ts';
import { logFailure, PaperAccounts, type Held } from './paper-accounts.ts';
import { SettlementHandler } from './settlement-handler.ts';

/** Consumer group of the paper exchange. */
export const PAPER_EXCHANGE_GROUP = 'paper-exchange';

/** Options for tests and embedding. */
export interface PaperExchangeOptions {
  /** Overrides of the config read from the environment */
  config?: Partial<PaperExchangeConfigInput>;
}

/**
 * The paper exchange (SPEC §8.1): fills `order.command` against the latest ticks and surfaces,
 * once per `client_order_id`, and publishes `order.fill` then `position.update`; settles expired options.
 * The shell keeps the book and the timer; {@link OrderHandler} fills, {@link SettlementHandler} settles.
 */
export class PaperExchange implements Service {
  readonly name = 'paper-exchange';
  private readonly config: PaperExchangeConfig;
  private readonly ticks = new Map<string, MarketTickEvent>();
  private readonly surfaces = new Map<string, VolatilitySurfaceEvent>();
  private readonly book: MarketBook = { ticks: this.ticks, surfaces: this.surfaces };
  private readonly accounts: PaperAccounts;
  private readonly orders: OrderHandler;
  private readonly settlement: SettlementHandler;
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
    const parts = {
      bus: deps.bus,
      ledger: deps.stores.ledger,
      once: deps.stores.once,
      clock: deps.clock,
      log: deps.log,
    };
    const market: PaperMarket = {
      quote: (symbol) => this.quote(symbol),
      spot: (underlying) => spotOf(this.book, underlying),
    };
    this.accounts = new PaperAccounts(parts);
    this.orders = new OrderHandler(parts, this.accounts, market);
    this.settlement = new SettlementHandler(parts, this.accounts, market);
  }

  async start(): Promise<void> {
    const { bus, log } = this.deps;
    // Market data is followed, not consumed in the group: every exchange process prices with every tick,
    // from the newest entry the warm-up read, so nothing published in between is missed
    const after = await this.warmUp();
    this.subs.push(
      followStream(bus, 'market.tick', { log, after: after.ticks, handle: (m) => this.handleTick(m) }),
      followStream(bus, 'market.vol_surface', {
        log,
        after: after.surfaces,
        handle: (m) => this.handleSurface(m),
      }),
    );
    // Orders are work: each is filled by one process of the group
    this.subs.push(bus.subscribe('order.command', PAPER_EXCHANGE_GROUP, (m, e) => this.handleOrder(m, e)));
    if (this.config.timers) {
      this.timer = setInterval(() => {
        this.settleExpired().catch((error: unknown) => logFailure(this.deps.log, 'expiry settlement', error));
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
  handleOrder(order: OrderCommand, entry: { id: string }): Promise<void> {
    return this.orders.handle(order, entry);
  }

  /** Settles every open option position whose expiry has passed (SPEC §8.1); returns how many. */
  settleExpired(): Promise<number> {
    return this.settlement.settleExpired();
  }

  /** The exchange's current quote of a symbol (SPEC §8.1 book), null when none. */
  quote(symbol: string): Quote | null {
    return quoteOf(this.book, symbol, this.config.spreadBps);
  }

  /** Open positions the exchange keeps, per strategy and symbol (the ledger's, shared by every process). */
  positions(): Promise<Held[]> {
    return this.accounts.list();
  }

  // Seeds the book from the newest retained market data that is still fresh; returns the newest ids read.
  private async warmUp(): Promise<{ ticks: string; surfaces: string }> {
    const { bus, clock } = this.deps;
    const oldest = clock.now() - this.config.warmupMaxAgeS * 1000;
    const fresh = (m: { timestamp: string }) => Date.parse(m.timestamp) >= oldest;
    const [ticks, surfaces] = await Promise.all([
      bus.latest('market.tick', 200),
      bus.latest('market.vol_surface', 20),
    ]);
    for (const e of [...ticks].reverse()) if (fresh(e.message)) this.handleTick(e.message);
    for (const e of [...surfaces].reverse()) if (fresh(e.message)) this.handleSurface(e.message);
    return { ticks: ticks[0]?.id ?? '0-0', surfaces: surfaces[0]?.id ?? '0-0' };
  }
}

import { SubscriptionInputSchema, type StreamMessage, type StreamName } from '@gamma/shared';
import { tracked } from '@trpc/server';
import type { Bus } from '../bus/bus.ts';
import { InvalidInputError } from '../errors/index.ts';
import { publicProcedure } from './init.ts';

/**
 * The entries after `after` (null: from now on, or with `fromLatest` from the newest entry on the stream,
 * included), each tracked by its entry id for resumption.
 */
async function* trackedTail<TName extends StreamName>(
  bus: Bus,
  name: TName,
  tail: { after: string | null; fromLatest: boolean; signal: AbortSignal | undefined },
) {
  let after = tail.after;
  if (after === null && tail.fromLatest) {
    const [newest] = await bus.latest(name, 1);
    // Tailing after the newest id (or 0-0 on an empty stream) leaves no instant in which an entry slips by
    after = newest?.id ?? '0-0';
    if (newest) yield tracked(newest.id, newest.message as StreamMessage<TName>);
  }
  for await (const entry of bus.tail(name, { after, signal: tail.signal })) {
    yield tracked(entry.id, entry.message as StreamMessage<TName>);
  }
}

/**
 * A subscription over one stream: a read-only tail (no group, no acks) yielding `tracked(entryId, message)`,
 * so a client reconnecting with its `lastEventId` gets exactly what it missed (CONVENTIONS §10).
 * Without `lastEventId`, only entries published from now on, or with `fromLatest` the newest entry first. The id is checked before the tail starts,
 * so a bad one fails the subscription with BAD_REQUEST through the error middleware.
 */
const tailOf = <TName extends StreamName>(name: TName) =>
  publicProcedure.input(SubscriptionInputSchema).subscription(({ ctx, input, signal }) => {
    const after = input?.lastEventId ?? null;
    if (after !== null && !/^\d+-\d+$/.test(after)) {
      throw new InvalidInputError(`lastEventId is not a stream entry id: ${after}`);
    }
    return trackedTail(ctx.bus, name, { after, fromLatest: input?.fromLatest === true, signal });
  });

/** The live subscriptions of the console (SPEC §10.1). */
export const subscriptions = {
  /** StrategyIntentEvents from `strategy.intent` */
  onIntent: tailOf('strategy.intent'),
  /** IntentDecisionEvents from `intent.decision` */
  onDecision: tailOf('intent.decision'),
  /** MacroStateEvents from `market.macro_state` */
  onMacroState: tailOf('market.macro_state'),
  /** PortfolioRiskEvents from `portfolio.risk` */
  onPortfolioRisk: tailOf('portfolio.risk'),
  /** OrderFillEvents from `order.fill` */
  onFill: tailOf('order.fill'),
  /** MarketTickEvents from `market.tick` */
  onTick: tailOf('market.tick'),
  /** VolatilitySurfaceEvents from `market.vol_surface` */
  onSurface: tailOf('market.vol_surface'),
  /** TradingStateEvents from `risk.trading_state` */
  onTradingState: tailOf('risk.trading_state'),
};

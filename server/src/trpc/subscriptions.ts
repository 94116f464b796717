import { SubscriptionInputSchema, type StreamMessage, type StreamName } from '@gamma/shared';
import { tracked, TRPCError } from '@trpc/server';
import { publicProcedure } from './init.ts';

/**
 * A subscription over one stream: a read-only tail (no group, no acks) yielding `tracked(entryId, message)`,
 * so a client reconnecting with its `lastEventId` gets exactly what it missed (CONVENTIONS §10).
 * Without `lastEventId`, only entries published from now on.
 */
const tailOf = <TName extends StreamName>(name: TName) =>
  publicProcedure.input(SubscriptionInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const after = input?.lastEventId ?? null;
    if (after !== null && !/^\d+-\d+$/.test(after)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `lastEventId is not a stream entry id: ${after}` });
    }
    const entries = ctx.bus.tail(name, { after, signal });
    for await (const entry of entries) {
      yield tracked(entry.id, entry.message as StreamMessage<TName>);
    }
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
};

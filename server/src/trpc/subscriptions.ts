import { SubscriptionInputSchema, type StreamMessage, type StreamName } from '@gamma/shared';
import { tracked } from '@trpc/server';
import type { Bus } from '../bus/bus.ts';
import { InvalidInputError } from '../errors/index.ts';
import type { AuthContext, SessionEnded } from '../auth/authenticator.ts';
import type { RequestContext } from './context.ts';
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

/** Whether an ended session is the one a subscription runs for (null sessionId: every one of the user). */
const endsAuth = (ended: SessionEnded, auth: AuthContext): boolean =>
  ended.username === auth.username && (ended.sessionId === null || ended.sessionId === auth.sessionId);

/**
 * The signal of a subscription that also aborts when its session ends: at once when it ends in this process
 * (logout, user disabled, found expired), and over HTTP (server-sent events) at the latest at the next check
 * of its credential, every `WS_SESSION_CHECK_S` like an open WebSocket's (a session expiring unasked, idle or
 * at `SESSION_MAX_H`, a logout on another gateway, a revoked token). A WebSocket subscription needs no check
 * of its own: its socket is checked and closed (server/src/http/socket-sessions.ts). So a tail never outlives
 * its sign-in.
 */
function untilSessionEnds(ctx: RequestContext, signal: AbortSignal | undefined) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  const { auth } = ctx;
  const off =
    auth === null
      ? () => true
      : ctx.authenticator.onSessionEnded((ended) => endsAuth(ended, auth) && abort());
  let checking = false;
  const recheck = async () => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    try {
      if ((await ctx.authenticator.resolveAuth(ctx.headers, { refresh: false })) === null) abort();
    } catch (error) {
      // Redis or the account store unreachable: keep the tail, the next check decides
      ctx.log.warn('subscription session check failed', { error: String(error) });
    } finally {
      checking = false;
    }
  };
  const timer =
    auth === null || ctx.res === null
      ? null
      : setInterval(() => void recheck(), ctx.config.process.wsSessionCheckS * 1000);
  timer?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      off();
      if (timer !== null) clearInterval(timer);
      signal?.removeEventListener('abort', abort);
    },
  };
}

/** A tail that ends with its session (see {@link untilSessionEnds}). */
async function* sessionBoundTail<TName extends StreamName>(
  ctx: RequestContext,
  name: TName,
  tail: { after: string | null; fromLatest: boolean; signal: AbortSignal | undefined },
) {
  const bound = untilSessionEnds(ctx, tail.signal);
  try {
    yield* trackedTail(ctx.bus, name, { ...tail, signal: bound.signal });
  } finally {
    bound.dispose();
  }
}

/**
 * A subscription over one stream: a read-only tail (no group, no acks) yielding `tracked(entryId, message)`,
 * so a client reconnecting with its `lastEventId` gets exactly what it missed (CONVENTIONS §10).
 * Without `lastEventId`, only entries published from now on, or with `fromLatest` the newest entry first. It ends
 * when its session ends (logout, user disabled, expiry: see {@link untilSessionEnds}). The id is checked before the tail starts,
 * so a bad one fails the subscription with BAD_REQUEST through the error middleware.
 */
const tailOf = <TName extends StreamName>(name: TName) =>
  publicProcedure.input(SubscriptionInputSchema).subscription(({ ctx, input, signal }) => {
    const after = input?.lastEventId ?? null;
    if (after !== null && !/^\d+-\d+$/.test(after)) {
      throw new InvalidInputError(`lastEventId is not a stream entry id: ${after}`);
    }
    return sessionBoundTail(ctx, name, { after, fromLatest: input?.fromLatest === true, signal });
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
  /** VolatilityForecastEvents from `strategy.forecast.volatility` */
  onForecast: tailOf('strategy.forecast.volatility'),
  /** TradingStateEvents from `risk.trading_state` */
  onTradingState: tailOf('risk.trading_state'),
  /** RiskAlertEvents from `risk.alert` */
  onAlert: tailOf('risk.alert'),
  /** PositionUpdateEvents from `position.update` */
  onPositionUpdate: tailOf('position.update'),
  /** OrderCommands from `order.command` */
  onOrderCommand: tailOf('order.command'),
};

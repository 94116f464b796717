import { StrategyIntentEventSchema, type StrategyIntentEvent } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { streamKey } from '../../server/src/keys/key-table.ts';

/** The consumer group of the bare loop on `strategy.intent`. */
export const BARE_GROUP = 'bare';
const READ_COUNT = 500;

/** What the bare loop writes for an intent: a decision and an order command, as the engine does. */
export function outputsOf(intent: StrategyIntentEvent, nowMs: number): [string, string] {
  const timestamp = new Date(nowMs).toISOString();
  const decision = {
    decision_id: `${intent.intent_id}:approved`,
    intent_id: intent.intent_id,
    strategy_id: intent.strategy_id,
    symbol: intent.symbol,
    action: intent.action,
    direction: intent.direction,
    quantity: intent.quantity,
    status: 'approved',
    decided_by: 'bare',
    timestamp,
  };
  const order = {
    intent_id: intent.intent_id,
    client_order_id: `${intent.intent_id}-0`,
    strategy_id: intent.strategy_id,
    symbol: intent.symbol,
    side: intent.direction,
    quantity: intent.quantity,
    timestamp,
  };
  return [JSON.stringify(decision), JSON.stringify(order)];
}

type ReadReply = [string, [string, string[]][]][] | null;

/**
 * Where the loop writes instead of the engine's streams: one stream of its own, capped near `maxLen`
 * (the soak's reference runs beside the real engine on its prefix, for as long as the soak lasts).
 */
export interface BareOutput {
  key: string;
  maxLen: number;
}

/**
 * The ceiling the engine is measured against: XREADGROUP 500 → JSON.parse + the intent's zod schema → 2
 * XADD (decision, order command; to `output` when given) → XACK, every write of a batch in one pipeline.
 * Runs until `signal`.
 */
export async function runBareLoop(
  redis: { commands: Redis; blocking: Redis },
  run: { prefix: string; signal: AbortSignal; output?: BareOutput },
): Promise<void> {
  const { prefix, signal, output } = run;
  const key = streamKey(prefix, 'strategy.intent');
  const decisions = output?.key ?? streamKey(prefix, 'intent.decision');
  const orders = output?.key ?? streamKey(prefix, 'order.command');
  const trim = output === undefined ? [] : ['MAXLEN', '~', output.maxLen];
  await redis.commands.xgroup('CREATE', key, BARE_GROUP, '$', 'MKSTREAM').catch((error: unknown) => {
    if (!String(error).includes('BUSYGROUP')) throw error;
  });
  while (!signal.aborted) {
    const args = ['GROUP', BARE_GROUP, 'bare', 'COUNT', READ_COUNT, 'BLOCK', 200, 'STREAMS', key, '>'];
    const reply = (await redis.blocking.call('XREADGROUP', ...args).catch(() => null)) as ReadReply;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) continue;
    const pipeline = redis.commands.pipeline();
    const ids: string[] = [];
    for (const [id, fields] of entries) {
      ids.push(id);
      const intent = StrategyIntentEventSchema.parse(JSON.parse(fields[1] ?? 'null'));
      const [decision, order] = outputsOf(intent, Date.now());
      pipeline.xadd(decisions, ...trim, '*', 'data', decision).xadd(orders, ...trim, '*', 'data', order);
    }
    pipeline.xack(key, BARE_GROUP, ...ids);
    await pipeline.exec();
  }
}

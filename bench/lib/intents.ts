import type { StrategyIntentEvent } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { encodeMessage } from '../../server/src/bus/codec.ts';
import { streamKey } from '../../server/src/keys/key-table.ts';
import { LOOSE_LIMITS_ENV } from '../../server/src/testing/loose-limits.ts';

/** The BTC spot price every bench values at. */
export const BTC_PRICE = 100_000;

/**
 * The n-th intent of a run: a 0.001 BTC spot buy by one of four strategies, which passes every check of
 * the engine under {@link engineEnv}'s loose limits, so each becomes an approval and an order command.
 */
export function benchIntent(run: string, n: number, nowMs: number): StrategyIntentEvent {
  return {
    intent_id: `${run}-${n}`,
    strategy_id: `bench_${n % 4}`,
    symbol: 'BTC/USDT',
    intent_type: 's1_rebalance',
    action: 'buy',
    direction: 'buy',
    quantity: 0.001,
    confidence: 0.7,
    reason: 'bench',
    timestamp: new Date(nowMs).toISOString(),
    metadata: {},
  };
}

/** The `data` field of an intent, as a producer writes it (validated JSON). */
export const intentData = (intent: StrategyIntentEvent): string => encodeMessage('strategy.intent', intent);

/** Appends `datas` to a stream, pipelined 1,000 at a time; resolves when every XADD is answered. */
const BATCH = 1_000;

export async function appendAll(redis: Redis, key: string, datas: readonly string[]): Promise<void> {
  for (let i = 0; i < datas.length; i += BATCH) {
    const pipeline = redis.pipeline();
    for (const data of datas.slice(i, i + BATCH)) pipeline.xadd(key, '*', 'data', data);
    await pipeline.exec();
  }
}

/** The BTC spot tick the engine values the intents at (published before it starts). */
export async function seedMarket(redis: Redis, prefix: string, nowMs: number): Promise<void> {
  const tick = {
    symbol: 'BTC/USDT',
    price: BTC_PRICE,
    volume: 0,
    bid: BTC_PRICE,
    ask: BTC_PRICE,
    timestamp: new Date(nowMs).toISOString(),
    metadata: {},
  };
  await redis.xadd(streamKey(prefix, 'market.tick'), '*', 'data', encodeMessage('market.tick', tick));
}

/**
 * The environment of an engine process in the benches (`SERVICES=engine`, `APPROVAL_MODE=auto`): every
 * check, reservation and decision event on, with limits loose enough that every bench intent is approved.
 */
export function engineEnv(redisUrl: string, prefix: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_URL: redisUrl,
    STREAM_PREFIX: prefix,
    SERVICES: 'engine',
    LOG_LEVEL: 'info',
    APPROVAL_MODE: 'auto',
    ...LOOSE_LIMITS_ENV,
    PAPER_INITIAL_BALANCE_USDT: '1000000000',
    RISK_MAX_POSITION_QTY: 'BTC:1000000,ETH:1000000',
    RISK_MAX_ABS_VEGA_USD: 'BTC:1000000000,ETH:1000000000',
    RISK_MAX_TICK_AGE_S: '3600',
    RISK_MAX_SURFACE_AGE_S: '3600',
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
  };
}

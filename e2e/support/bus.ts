import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { stack } from './stack.ts';

const key = (name: string) => `${stack.prefix}:${name}`;

/** A Redis connection for one spec file; close it in afterAll. */
export const connectRedis = () => new Redis(stack.redisUrl, { maxRetriesPerRequest: 3 });

/** Puts a straddle intent on `strategy.intent` the way a producer does: one XADD with a `data` field. */
export async function publishStraddleIntent(
  redis: Redis,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const intentId = `e2e-${randomUUID()}`;
  const intent = {
    intent_id: intentId,
    strategy_id: 'e2e_trader_btc',
    symbol: 'BTC/USDT',
    intent_type: 'increase_long_gamma',
    action: 'buy_straddle',
    direction: 'buy',
    quantity: 0.1,
    confidence: 0.7,
    reason: 'market_underpricing_volatility',
    metadata: { strategy_type: 'pq_vol_trader', p_vol: 0.55, q_vol: 0.62, pq_spread: 0.07 },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
  await redis.xadd(key('strategy.intent'), '*', 'data', JSON.stringify(intent));
  return intentId;
}

/** Decoded messages of a stream, oldest first. */
export async function readStream(redis: Redis, name: string): Promise<Record<string, unknown>[]> {
  const entries = await redis.xrange(key(name), '-', '+');
  return entries.map(([, fields]) => {
    const at = fields.indexOf('data');
    return JSON.parse(fields[at + 1] ?? '{}') as Record<string, unknown>;
  });
}

/** Number of entries in a stream. */
export const streamLength = (redis: Redis, name: string) => redis.xlen(key(name));

/**
 * Puts a risk alert on `risk.alert` the way the risk service does (an `info` one with `metadata.state:
 * 'cleared'` clears it); a strategy id of its own keeps it apart from the risk service's alerts.
 */
export async function publishRiskAlert(
  redis: Redis,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const alert = {
    strategy_id: 'e2e_risk',
    alert_type: 'volatility',
    severity: 'warning',
    message: 'e2e: realized vol 1.20 > 0.90',
    current_value: 1.2,
    threshold_value: 0.9,
    timestamp: new Date().toISOString(),
    metadata: { underlying: null, state: 'raised', repeat: false },
    ...overrides,
  };
  return redis.xadd(key('risk.alert'), '*', 'data', JSON.stringify(alert)) as Promise<string>;
}

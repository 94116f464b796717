import type { RedisClient } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { positionField, type PaperPositions, type StoredPosition } from './order-ledger.ts';

/** A saved position's text as a position, null when malformed. */
export function parsePosition(raw: string): StoredPosition | null {
  try {
    const v = JSON.parse(raw) as Partial<StoredPosition>;
    if (typeof v.strategyId !== 'string' || typeof v.symbol !== 'string') return null;
    if (![v.quantity, v.avgPrice, v.realizedPnl].every((n) => typeof n === 'number' && Number.isFinite(n)))
      return null;
    return v as StoredPosition;
  } catch {
    return null;
  }
}

/** Positions in the hash `<prefix>:paper:positions` (`<strategy>|<symbol>` → JSON); malformed ones are skipped. */
export function createRedisPaperPositions(redis: RedisClient, prefix: string): PaperPositions {
  const key = keyTable(prefix).paperPositions();
  return {
    async save(p) {
      if (p.quantity === 0) await redis.hdel(key, positionField(p));
      else await redis.hset(key, positionField(p), JSON.stringify(p));
    },
    async load() {
      const all = await redis.hgetall(key);
      return Object.values(all)
        .map(parsePosition)
        .filter((p): p is StoredPosition => p !== null);
    },
  };
}

import type { RedisClient } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { InfrastructureError } from '../../errors/index.ts';

/** A day's record outlives the day by two, so a process that starts late still finds yesterday's. */
const DAY_START_TTL_S = 3 * 24 * 3600;

/**
 * The equity at the start of each UTC day (`daily_loss`), shared by every engine process and kept across
 * restarts: the first equity offered for a day wins and every later offer reads it back.
 */
export interface DayStartStore {
  /** Records `equity` as the start of `day` (`YYYY-MM-DD`) unless a start is recorded; returns the recorded one. */
  claim(day: string, equity: number): Promise<number>;
}

/** Day starts in Redis at `<prefix>:risk:day_start_equity:<day>` (SET NX, then GET: the value never changes). */
export function createRedisDayStartStore(redis: RedisClient, prefix: string): DayStartStore {
  const keys = keyTable(prefix);
  return {
    async claim(day, equity) {
      if (!Number.isFinite(equity)) throw new InfrastructureError(`day start equity ${equity} is not finite`);
      const key = keys.dayStartEquity(day);
      const set = await redis.set(key, String(equity), 'EX', DAY_START_TTL_S, 'NX');
      if (set === 'OK') return equity;
      const stored = Number(await redis.get(key));
      return Number.isFinite(stored) ? stored : equity;
    },
  };
}

/** Day starts in memory (one process; unit tests). */
export function createMemoryDayStartStore(): DayStartStore {
  const days = new Map<string, number>();
  return {
    claim(day, equity) {
      if (!days.has(day)) days.set(day, equity);
      return Promise.resolve(days.get(day) ?? equity);
    },
  };
}

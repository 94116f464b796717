import type { RedisClient } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';

/** Where the highest equity seen survives restarts (SPEC §6.1: "peak … persisted"). */
export interface PeakStore {
  load(): Promise<number | null>;
  save(peak: number): Promise<void>;
}

/** The peak in Redis at `<prefix>:risk:peak_equity`. */
export function createRedisPeakStore(redis: RedisClient, prefix: string): PeakStore {
  const key = keyTable(prefix).peakEquity();
  return {
    async load() {
      const raw = await redis.get(key);
      const n = raw === null ? Number.NaN : Number(raw);
      return Number.isFinite(n) ? n : null;
    },
    async save(peak) {
      await redis.set(key, String(peak));
    },
  };
}

/** The peak in memory (tests); `value` shows what was saved. */
export function createMemoryPeakStore(initial: number | null = null): PeakStore & { value: number | null } {
  const store = {
    value: initial,
    load() {
      return Promise.resolve(store.value);
    },
    save(peak: number) {
      store.value = peak;
      return Promise.resolve();
    },
  };
  return store;
}

import type { Redis } from 'ioredis';
import { recordKey } from '../../bus/keys.ts';

/** Where the highest equity seen survives restarts (SPEC §6.1: "peak … persisted"). */
export interface PeakStore {
  load(): Promise<number | null>;
  save(peak: number): Promise<void>;
}

/** The peak in Redis at `<prefix>:risk:peak_equity`. */
export function createRedisPeakStore(redis: Redis, prefix: string): PeakStore {
  const key = recordKey(prefix, 'risk', 'peak_equity');
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

/** The peak in memory (tests). */
export function createMemoryPeakStore(initial: number | null = null): PeakStore & { value: number | null } {
  const store = {
    value: initial,
    async load() {
      return store.value;
    },
    async save(peak: number) {
      store.value = peak;
    },
  };
  return store;
}

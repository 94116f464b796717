import { InfrastructureError } from '../errors/index.ts';
import type { Stores } from '../stores/stores.ts';

/** The methods of the stores that write (each one atomic step in Redis). */
const WRITES: Readonly<Record<string, readonly string[]>> = {
  once: ['append', 'record'],
  ledger: ['book', 'bookFrom', 'savePosition'],
  approvals: ['create', 'claim', 'expire', 'expiryPublished', 'markDone'],
  reservations: ['tryReserve', 'release', 'fill', 'seed'],
  peaks: ['save'],
  tradingStates: ['set'],
  dayStarts: ['claim'],
  lossStreaks: ['record'],
};

const KILLED = 'killed after write';

/** Whether a handler failed because its process was "killed" right after a write. */
export const isKilled = (error: unknown): boolean =>
  error instanceof InfrastructureError && error.message.startsWith(KILLED);

/** Stores that die after one chosen write, and count the writes done. */
export interface KillingStores {
  stores: Stores;
  /** Writes completed so far (the killing one included) */
  writes(): number;
}

function wrap<T extends object>(target: T, methods: readonly string[], afterWrite: () => void): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof prop !== 'string' || !methods.includes(prop) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
        afterWrite();
        return result;
      };
    },
  });
}

/**
 * Wraps stores so that the `killAt`-th write (1-based) completes and then throws, as if
 * the process were killed -9 right after it (see {@link isKilled}): every atomic step before stands, nothing after happens.
 * Together with a fresh service instance on the unwrapped stores (its memory lost) and the same input
 * delivered again, this exercises every kill point of a handler. `killAt` = Infinity only counts.
 */
export function killAfterWrite(stores: Stores, killAt: number): KillingStores {
  let writes = 0;
  const afterWrite = (): void => {
    writes += 1;
    if (writes === killAt) throw new InfrastructureError(`${KILLED} ${writes}`);
  };
  const wrapped = { ...stores } as Record<string, unknown>;
  for (const [family, methods] of Object.entries(WRITES)) {
    wrapped[family] = wrap((stores as unknown as Record<string, object>)[family] ?? {}, methods, afterWrite);
  }
  return { stores: wrapped as unknown as Stores, writes: () => writes };
}

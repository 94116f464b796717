import { describeLossStreakStoreContract } from './loss-streak-store.contract.ts';
import { createMemoryLossStreakStore } from './memory-loss-streak-store.ts';

describeLossStreakStoreContract('createMemoryLossStreakStore', () => {
  const store = createMemoryLossStreakStore();
  return Promise.resolve({ store, twin: store, dispose: () => Promise.resolve() });
});

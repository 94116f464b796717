import { describeDayStartStoreContract } from './day-start-store.contract.ts';
import { createMemoryDayStartStore } from './day-start-store.ts';

describeDayStartStoreContract('createMemoryDayStartStore', () => {
  const store = createMemoryDayStartStore();
  return Promise.resolve({ store, twin: store, dispose: () => Promise.resolve() });
});

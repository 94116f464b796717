import { describePeakStoreContract } from './peak-store.contract.ts';
import { createMemoryPeakStore } from './peak-store.ts';

describePeakStoreContract('createMemoryPeakStore', () =>
  Promise.resolve({ peaks: createMemoryPeakStore(), dispose: () => Promise.resolve() }),
);

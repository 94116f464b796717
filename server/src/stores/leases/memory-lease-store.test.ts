import { describeLeaseStoreContract } from './lease-store.contract.ts';
import { createMemoryLeaseStore } from './lease-store.ts';

describeLeaseStoreContract('createMemoryLeaseStore', () =>
  Promise.resolve({ leases: createMemoryLeaseStore(), dispose: () => Promise.resolve() }),
);

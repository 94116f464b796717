import { createMemoryReservationStore } from './memory-reservation-store.ts';
import { describeReservationStoreContract } from './reservation-store.contract.ts';

describeReservationStoreContract('createMemoryReservationStore', () => {
  const store = createMemoryReservationStore();
  return Promise.resolve({ store, twin: store, dispose: () => Promise.resolve() });
});

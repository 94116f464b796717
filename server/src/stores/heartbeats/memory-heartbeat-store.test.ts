import { describeHeartbeatStoreContract } from './heartbeat-store.contract.ts';
import { createMemoryHeartbeatStore } from './heartbeat-store.ts';

describeHeartbeatStoreContract('createMemoryHeartbeatStore', () =>
  Promise.resolve({ heartbeats: createMemoryHeartbeatStore(), dispose: () => Promise.resolve() }),
);

import { createMemoryLoginFailureStore, createMemorySessionStore } from './memory-session-store.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';

describeSessionStoreContract('createMemorySessionStore', () =>
  Promise.resolve({
    sessions: createMemorySessionStore(),
    loginFailures: createMemoryLoginFailureStore(),
    dispose: () => Promise.resolve(),
  }),
);

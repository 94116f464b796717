import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { describeApprovalStoreContract } from './approval-store.contract.ts';
import { MemoryApprovalStore } from './memory-approval-store.ts';

describeApprovalStoreContract('MemoryApprovalStore', () => {
  const bus = new InMemoryBus();
  return Promise.resolve({
    store: new MemoryApprovalStore(bus),
    commands: async () => (await bus.latest('intent.approval', 1000)).map((e) => e.message).reverse(),
    dispose: () => bus.close(),
  });
});

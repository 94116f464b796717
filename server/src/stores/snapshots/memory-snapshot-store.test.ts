import { createMemorySnapshotStore } from './memory-snapshot-store.ts';
import { describeSnapshotStoreContract } from './snapshot-store.contract.ts';

describeSnapshotStoreContract('createMemorySnapshotStore', () => {
  const snapshots = createMemorySnapshotStore();
  return Promise.resolve({
    snapshots,
    writeRaw: (owner, text) => Promise.resolve(snapshots.writeRaw(owner, text)),
    dispose: () => Promise.resolve(),
  });
});

import { positionField, type PaperPositions, type StoredPosition } from './order-ledger.ts';

/** Positions in memory (unit tests; one process). */
export function createMemoryPaperPositions(): PaperPositions {
  const positions = new Map<string, StoredPosition>();
  return {
    save(p) {
      if (p.quantity === 0) positions.delete(positionField(p));
      else positions.set(positionField(p), { ...p });
      return Promise.resolve();
    },
    load() {
      return Promise.resolve([...positions.values()].map((p) => ({ ...p })));
    },
  };
}

import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** A snapshot store that can also hold any text, as a damaged record would (tests). */
export type MemorySnapshotStore = SnapshotStore & { writeRaw(owner: string, text: string): void };

/**
 * Snapshots in memory, kept as their stored text like Redis keeps them, so a loaded snapshot is a copy.
 * The in-memory bus never trims a stream, so nothing is ever reported trimmed.
 */
export function createMemorySnapshotStore(): MemorySnapshotStore {
  const texts = new Map<string, string>();
  return {
    save(owner, snapshot) {
      texts.set(owner, encodeSnapshot(snapshot));
      return Promise.resolve();
    },
    load(owner, format) {
      return Promise.resolve(decodeSnapshot(texts.get(owner) ?? null, format));
    },
    trimmedAfter: () => Promise.resolve(null),
    writeRaw(owner, text) {
      texts.set(owner, text);
    },
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Snapshot, SnapshotStore } from './snapshot-store.ts';

/** A snapshot store prepared for the contract suite. */
export interface SnapshotStoreUnderTest {
  snapshots: SnapshotStore;
  /** Stores any text as the owner's record, as a damaged or foreign writer would */
  writeRaw(owner: string, text: string): Promise<void>;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

const BookSchema = z.object({ cash: z.number(), holdings: z.record(z.string(), z.number()) });
type BookState = z.infer<typeof BookSchema>;
const FORMAT = { schema: 2, state: BookSchema };

const snapshot = (state: BookState, covers: Snapshot['covers']): Snapshot<BookState> => ({
  schema: 2,
  covers,
  takenAtMs: 1_772_442_904_120,
  state,
});

/**
 * What every `SnapshotStore` shares: one snapshot per owner, the last saved read back exactly, and
 * every record that is not a snapshot of the expected version rejected with its reason, never thrown.
 */
export function describeSnapshotStoreContract(
  name: string,
  make: () => Promise<SnapshotStoreUnderTest>,
): void {
  describe(`${name} (snapshot store contract)`, () => {
    let harness: SnapshotStoreUnderTest;

    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('reads none before any save, then the last saved snapshot exactly, per owner', async () => {
      const { snapshots } = harness;
      expect(await snapshots.load('risk-service', FORMAT)).toEqual({ status: 'none' });
      await snapshots.save('risk-service', snapshot({ cash: 1, holdings: {} }, { 'order.fill': '1-0' }));
      const last = snapshot(
        { cash: 99_000.123456789, holdings: { 'BTC/USDT': 0.1 + 0.2 } },
        {
          'order.fill': '1772442904120-7',
          'position.update': '1772442904121-0',
        },
      );
      await snapshots.save('risk-service', last);
      expect(await snapshots.load('risk-service', FORMAT)).toEqual({ status: 'ok', snapshot: last });
      expect(await snapshots.load('engine', FORMAT)).toEqual({ status: 'none' });
    });

    it('rejects a snapshot of another schema version, naming both versions', async () => {
      await harness.snapshots.save('engine', { ...snapshot({ cash: 1, holdings: {} }, {}), schema: 1 });
      const reading = await harness.snapshots.load('engine', FORMAT);
      expect(reading).toEqual({ status: 'rejected', reason: 'schema version 1, this build reads 2' });
    });

    it('rejects a snapshot whose state does not parse, naming the field', async () => {
      await harness.snapshots.save('engine', {
        ...snapshot({ cash: 1, holdings: {} }, {}),
        state: { cash: 'x' },
      });
      const reading = await harness.snapshots.load('engine', FORMAT);
      expect(reading.status).toBe('rejected');
      expect(reading.status === 'rejected' && reading.reason).toMatch(/^state does not parse: cash/);
    });

    it('rejects a record that is not JSON, or not a snapshot', async () => {
      await harness.writeRaw('engine', '{"schema": 2, "cov');
      expect(await harness.snapshots.load('engine', FORMAT)).toEqual({
        status: 'rejected',
        reason: 'not JSON',
      });
      await harness.writeRaw(
        'engine',
        JSON.stringify({ schema: 2, covers: { 'order.fill': 'x' }, takenAtMs: 1 }),
      );
      const reading = await harness.snapshots.load('engine', FORMAT);
      expect(reading.status === 'rejected' && reading.reason).toMatch(/^not a snapshot: covers\.order\.fill/);
    });

    it('reports nothing trimmed from a stream that lost no entry', async () => {
      expect(await harness.snapshots.trimmedAfter('order.fill', '0-0')).toBeNull();
    });
  });
}

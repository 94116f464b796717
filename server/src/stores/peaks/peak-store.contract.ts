import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeakStore } from './peak-store.ts';

/** A peak store prepared for the contract suite. */
export interface PeakStoreUnderTest {
  peaks: PeakStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** What every `PeakStore` shares: nothing until saved, then the last saved peak, exactly. */
export function describePeakStoreContract(name: string, make: () => Promise<PeakStoreUnderTest>): void {
  describe(`${name} (peak store contract)`, () => {
    let harness: PeakStoreUnderTest;

    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('loads null before any save, then the last saved peak exactly', async () => {
      expect(await harness.peaks.load()).toBeNull();
      await harness.peaks.save(100_000.123456789);
      await harness.peaks.save(100_250.1 + 0.2);
      expect(await harness.peaks.load()).toBe(100_250.1 + 0.2);
    });
  });
}

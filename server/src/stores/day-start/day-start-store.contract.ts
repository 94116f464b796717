import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DayStartStore } from './day-start-store.ts';

/** A day-start store prepared for the contract suite. */
export interface DayStartStoreUnderTest {
  store: DayStartStore;
  /** Another handle on the same records (Redis: another client; memory: the same store) */
  twin: DayStartStore;
  dispose(): Promise<void>;
}

/** What every `DayStartStore` shares: the first equity offered for a day wins, exactly, per day. */
export function describeDayStartStoreContract(
  name: string,
  make: () => Promise<DayStartStoreUnderTest>,
): void {
  describe(`${name} (day-start store contract)`, () => {
    let harness: DayStartStoreUnderTest;
    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('keeps the first equity offered for a day and hands it to every later offer', async () => {
      expect(await harness.store.claim('2026-03-02', 100_250.1 + 0.2)).toBe(100_250.1 + 0.2);
      expect(await harness.twin.claim('2026-03-02', 90_000)).toBe(100_250.1 + 0.2);
      expect(await harness.store.claim('2026-03-03', 90_000)).toBe(90_000);
    });

    it('lets one of many concurrent offers win for everyone', async () => {
      const offers = [1, 2, 3, 4, 5, 6].map((i) =>
        (i % 2 === 0 ? harness.store : harness.twin).claim('2026-03-04', i * 1_000),
      );
      const results = await Promise.all(offers);
      expect(new Set(results).size).toBe(1);
    });
  });
}

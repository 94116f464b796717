import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OnceMarks } from './once-marks.ts';

/** Once marks prepared for the contract suite. */
export interface OnceMarksUnderTest {
  once: OnceMarks;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** What every `OnceMarks` shares: one claim per scope and key, release, and an outcome kept beside it. */
export function describeOnceMarksContract(name: string, make: () => Promise<OnceMarksUnderTest>): void {
  describe(`${name} (once marks contract)`, () => {
    let harness: OnceMarksUnderTest;
    let once: OnceMarks;

    beforeEach(async () => {
      harness = await make();
      once = harness.once;
    });
    afterEach(() => harness.dispose());

    it('grants the first of concurrent claims only, per scope', async () => {
      const claims = await Promise.all([once.claim('order', 'i-0', 60), once.claim('order', 'i-0', 60)]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await once.claim('exec', 'i-0', 60)).toBe(true);
      expect(await once.claim('engine', 'i-0', 60)).toBe(true);
    });

    it('can be claimed again once released', async () => {
      await once.claim('engine', 'intent:1', 60);
      await once.release('engine', 'intent:1');
      expect(await once.claim('engine', 'intent:1', 60)).toBe(true);
      expect(await once.claim('engine', 'intent:1', 60)).toBe(false);
    });

    it('keeps an outcome beside the mark, which stays claimed', async () => {
      expect(await once.outcome('order', 'i-1')).toBeNull();
      await once.claim('order', 'i-1', 60);
      expect(await once.outcome('order', 'i-1')).toBeNull();
      await once.settle('order', 'i-1', { outcome: '{"status":"filled"}', ttlS: 60 });
      expect(await once.outcome('order', 'i-1')).toBe('{"status":"filled"}');
      expect(await once.claim('order', 'i-1', 60)).toBe(false);
      await once.release('order', 'i-1');
      expect(await once.outcome('order', 'i-1')).toBeNull();
    });
  });
}

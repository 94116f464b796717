import type { StreamMessage, StreamName } from '@gamma/shared';
import { createIntentDecision, createOrderFill } from '@gamma/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OnceMarks } from './once-marks.ts';

/** Once marks prepared for the contract suite, with the streams they append to. */
export interface OnceMarksUnderTest {
  once: OnceMarks;
  /** Every message on a stream, oldest first */
  read<TName extends StreamName>(name: TName): Promise<StreamMessage<TName>[]>;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

const TTL = { ttlS: 60 };

/**
 * What every `OnceMarks` shares: an append writes all its entries and its mark or nothing, once per
 * stream, scope and key; a record keeps the first outcome.
 */
export function describeOnceMarksContract(name: string, make: () => Promise<OnceMarksUnderTest>): void {
  describe(`${name} (once marks contract)`, () => {
    let harness: OnceMarksUnderTest;
    let once: OnceMarks;

    beforeEach(async () => {
      harness = await make();
      once = harness.once;
    });
    afterEach(() => harness.dispose());

    const fill = (id: string) => createOrderFill({ client_order_id: id });
    const fillIds = async () => (await harness.read('order.fill')).map((f) => f.client_order_id);

    it('appends every entry with the mark, and nothing on a repeat', async () => {
      const first = await once.append({
        stream: 'order.fill',
        scope: 'order',
        key: 'k-1',
        messages: [fill('a'), fill('b')],
        outcome: 'legs',
        ...TTL,
      });
      expect(first).toEqual({ first: true, outcome: 'legs' });
      const again = await once.append({
        stream: 'order.fill',
        scope: 'order',
        key: 'k-1',
        messages: [fill('c')],
        outcome: 'other',
        ...TTL,
      });
      expect(again).toEqual({ first: false, outcome: 'legs' });
      expect(await fillIds()).toEqual(['a', 'b']);
    });

    it('lets one of concurrent appends of a key write', async () => {
      const calls = ['x', 'y', 'z'].map((id) =>
        once.append({
          stream: 'order.fill',
          scope: 'order',
          key: 'k-2',
          messages: [fill(id)],
          outcome: id,
          ...TTL,
        }),
      );
      const results = await Promise.all(calls);
      expect(results.filter((r) => r.first)).toHaveLength(1);
      const winner = results.find((r) => r.first)?.outcome;
      expect(results.map((r) => r.outcome)).toEqual([winner, winner, winner]);
      expect(await fillIds()).toEqual([winner]);
    });

    it('keeps marks apart per stream, scope and key, and reads them back in order', async () => {
      const decision = createIntentDecision({ intent_id: 'i-1', status: 'approved' });
      await once.append({
        stream: 'intent.decision',
        scope: 'decision',
        key: 'i-1:approved',
        messages: [decision],
        outcome: 'r',
        ...TTL,
      });
      await once.append({
        stream: 'order.fill',
        scope: 'decision',
        key: 'i-1:approved',
        messages: [],
        ...TTL,
      });
      expect(await once.appended('intent.decision', 'decision', ['i-1:vetoed', 'i-1:approved'])).toEqual([
        null,
        'r',
      ]);
      expect(await once.appended('intent.decision', 'engine', ['i-1:approved'])).toEqual([null]);
      expect(await once.appended('order.fill', 'decision', ['i-1:approved'])).toEqual(['1']);
      expect(await once.appended('order.fill', 'decision', [])).toEqual([]);
      expect(await fillIds()).toEqual([]);
      expect((await harness.read('intent.decision')).map((d) => d.decision_id)).toEqual([
        decision.decision_id,
      ]);
    });

    it('writes neither entries nor mark when a message is invalid', async () => {
      const bad = { ...fill('bad'), side: 'sideways' as 'buy' };
      await expect(
        once.append({
          stream: 'order.fill',
          scope: 'order',
          key: 'k-3',
          messages: [fill('ok'), bad],
          ...TTL,
        }),
      ).rejects.toThrow();
      expect(await once.appended('order.fill', 'order', ['k-3'])).toEqual([null]);
      expect(await fillIds()).toEqual([]);
    });

    it('records the first outcome of a key and returns it to every later call', async () => {
      expect(await once.recorded('exec', 'i-1')).toBeNull();
      const results = await Promise.all([
        once.record('exec', 'i-1', { outcome: 'plan-a', ...TTL }),
        once.record('exec', 'i-1', { outcome: 'plan-b', ...TTL }),
      ]);
      expect(results.filter((r) => r.first)).toHaveLength(1);
      const winner = results.find((r) => r.first)?.outcome ?? '';
      expect(results.map((r) => r.outcome)).toEqual([winner, winner]);
      expect(await once.record('exec', 'i-1', { outcome: 'plan-c', ...TTL })).toEqual({
        first: false,
        outcome: winner,
      });
      expect(await once.recorded('exec', 'i-1')).toBe(winner);
      expect(await once.recorded('order', 'i-1')).toBeNull();
    });
  });
}

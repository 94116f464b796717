import type { StreamName } from '@gamma/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intentHops, type HopEvent } from './intent-hops.ts';

const at = (stream: StreamName, entryId: string, message: Record<string, unknown> = {}): HopEvent => ({
  stream,
  entry_id: entryId,
  message,
});
const decision = (entryId: string, status: string) => at('intent.decision', entryId, { status });
const order = (entryId: string, leg: string) => at('order.command', entryId, { client_order_id: leg });
const fill = (entryId: string, leg: string) => at('order.fill', entryId, { client_order_id: leg });

const asText = (events: HopEvent[]) => intentHops(events).map((h) => `${h.from} → ${h.to} ${h.ms}`);

describe('intentHops', () => {
  describe('when a manually approved straddle filled both legs', () => {
    it('times every hop from its cause, each leg on its own', () => {
      const events = [
        fill('1030151-1', 'i-1'),
        at('strategy.intent', '1000000-0'),
        decision('1000004-0', 'pending_approval'),
        at('intent.approval', '1030000-0', { command: 'approve' }),
        decision('1030012-0', 'approved'),
        at('execution.command', '1030012-1'),
        order('1030150-0', 'i-0'),
        order('1030151-0', 'i-1'),
        fill('1030160-0', 'i-0'),
        at('position.update', '1030161-0'),
      ];
      expect(asText(events)).toEqual([
        'intent → decision:pending_approval 4',
        'decision:pending_approval → approval 29996',
        'approval → decision:approved 12',
        'decision:approved → command 0',
        'command → order:i-0 138',
        'command → order:i-1 139',
        'order:i-1 → fill:i-1 0',
        'order:i-0 → fill:i-0 10',
      ]);
    });
  });

  describe('when two traders approved a four-eyes straddle', () => {
    it('times the first approve, its decision, the second approve and the approval', () => {
      const events = [
        at('strategy.intent', '1000-0'),
        decision('1004-0', 'pending_approval'),
        at('intent.approval', '3000-0', { command: 'approve', metadata: { stage: 'first' } }),
        decision('3010-0', 'awaiting_second_approval'),
        at('intent.approval', '9000-0', { command: 'approve', metadata: {} }),
        decision('9012-0', 'approved'),
        at('execution.command', '9012-1'),
      ];
      expect(asText(events)).toEqual([
        'intent → decision:pending_approval 4',
        'decision:pending_approval → first approval 1996',
        'first approval → decision:awaiting_second_approval 10',
        'decision:awaiting_second_approval → approval 5990',
        'approval → decision:approved 12',
        'decision:approved → command 0',
      ]);
    });
  });

  describe('when an auto-approved spot order filled', () => {
    it('goes from the decision straight to the order', () => {
      const events = [
        at('strategy.intent', '500-0'),
        decision('507-0', 'approved'),
        order('520-0', 'i-0'),
        fill('531-0', 'i-0'),
      ];
      expect(asText(events)).toEqual([
        'intent → decision:approved 7',
        'decision:approved → order:i-0 13',
        'order:i-0 → fill:i-0 11',
      ]);
    });
  });

  describe('when steps are missing', () => {
    it('hangs a step on the nearest earlier cause that is there', () => {
      // The read model saw neither the approval command nor the execution command
      const events = [
        at('strategy.intent', '100-0'),
        decision('150-0', 'pending_approval'),
        decision('900-0', 'approved'),
        order('950-0', 'i-0'),
        fill('990-0', 'i-1'),
      ];
      expect(asText(events)).toEqual([
        'intent → decision:pending_approval 50',
        'decision:pending_approval → decision:approved 750',
        'decision:approved → order:i-0 50',
        'decision:approved → fill:i-1 90',
      ]);
    });

    it('gives the first step recorded no hop', () => {
      expect(intentHops([decision('10-0', 'approved'), order('12-0', 'i-0')])).toEqual([
        { from: 'decision:approved', to: 'order:i-0', ms: 2 },
      ]);
      expect(intentHops([at('strategy.intent', '10-0')])).toEqual([]);
      expect(intentHops([])).toEqual([]);
    });
  });

  describe('when the intent ended without a fill', () => {
    it('times a veto from the trader, an expiry from the pending decision', () => {
      const vetoed = [
        at('strategy.intent', '1-0'),
        decision('2-0', 'pending_approval'),
        at('intent.approval', '40-0', { command: 'veto' }),
        decision('41-0', 'vetoed'),
      ];
      expect(asText(vetoed)).toEqual([
        'intent → decision:pending_approval 1',
        'decision:pending_approval → veto 38',
        'veto → decision:vetoed 1',
      ]);
      const expired = [
        at('strategy.intent', '1-0'),
        decision('2-0', 'pending_approval'),
        decision('90-0', 'expired'),
      ];
      expect(asText(expired).at(-1)).toBe('decision:pending_approval → decision:expired 88');
    });

    it('times an execution rejection from the last leg sent, else the command', () => {
      const afterLegs = [
        decision('10-0', 'approved'),
        at('execution.command', '11-0'),
        order('20-0', 'i-0'),
        order('21-0', 'i-1'),
        decision('25-0', 'execution_rejected'),
      ];
      expect(asText(afterLegs).at(-1)).toBe('order:i-1 → decision:execution_rejected 4');
      const noLegs = [
        decision('10-0', 'approved'),
        at('execution.command', '11-0'),
        decision('30-0', 'execution_rejected'),
      ];
      expect(asText(noLegs).at(-1)).toBe('command → decision:execution_rejected 19');
    });
  });

  describe('when a converted legacy signal starts the chain', () => {
    it('times the conversion as signal → intent', () => {
      expect(asText([at('strategy.signal', '5-0'), at('strategy.intent', '8-0')])).toEqual([
        'signal → intent 3',
      ]);
    });
  });

  describe('when entries share a millisecond', () => {
    it('orders them causally, not by stream', () => {
      const events = [
        fill('7-0', 'i-0'),
        order('7-0', 'i-0'),
        decision('7-0', 'approved'),
        at('strategy.intent', '7-0'),
      ];
      expect(asText(events)).toEqual([
        'intent → decision:approved 0',
        'decision:approved → order:i-0 0',
        'order:i-0 → fill:i-0 0',
      ]);
    });
  });

  it('never yields a negative hop, whatever the order the events come in', () => {
    const stream = fc.constantFrom<StreamName>(
      'strategy.intent',
      'intent.decision',
      'intent.approval',
      'execution.command',
      'order.command',
      'order.fill',
    );
    const event = fc.record({
      stream,
      entry_id: fc.nat(1_000_000).map((ms) => `${ms}-0`),
      message: fc.record({
        status: fc.constantFrom('pending_approval', 'approved', 'execution_rejected'),
        client_order_id: fc.constantFrom('i-0', 'i-1'),
      }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        for (const hop of intentHops(events)) expect(hop.ms).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

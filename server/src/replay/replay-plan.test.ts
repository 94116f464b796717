import type { StreamMessage, StreamName } from '@gamma/shared';
import { createIntentDecision, createMarketTick, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import type { RecordedEntry } from './read-record.ts';
import { planReplay } from './replay-plan.ts';

const at = <TName extends StreamName>(
  stream: TName,
  ms: number,
  message: StreamMessage<TName>,
): RecordedEntry => ({ stream, id: `${ms}-0`, ms, seq: 0, message }) as RecordedEntry;
const iso = (ms: number) => new Date(ms).toISOString();
type Status = 'approved' | 'pending_approval' | 'vetoed' | 'expired';
/** A decision received at `ms`, stamped `stampMs` by the engine (`[ms, stampMs]`). */
const decision = ([ms, stampMs]: [number, number], status: Status, intentId = 'i-1') =>
  at(
    'intent.decision',
    ms,
    createIntentDecision({
      intent_id: intentId,
      decision_id: `${intentId}:${status}`,
      status,
      timestamp: iso(stampMs),
    }),
  );

describe('planReplay', () => {
  describe('when the engine decided an intent a few entries after it arrived', () => {
    const entries = [
      at('strategy.intent', 100, createStrategyIntent({ intent_id: 'i-1' })),
      at('market.tick', 105, createMarketTick()),
      at('market.tick', 112, createMarketTick()),
      decision([120, 110], 'approved'),
    ];

    it('takes the intent in on the entries received up to the decision stamp', () => {
      expect(planReplay(entries).intents.get('i-1')?.due).toEqual({ index: 2, ms: 110, order: 3 });
    });

    it('keeps the engine decision to compare with', () => {
      expect([...planReplay(entries).decisions.keys()]).toEqual(['i-1:approved']);
    });
  });

  describe('when a trader command and an expiry are recorded', () => {
    const entries = [
      at('strategy.intent', 100, createStrategyIntent({ intent_id: 'i-1' })),
      decision([101, 101], 'pending_approval'),
      at('intent.approval', 150, {
        command_id: 'c-1',
        intent_id: 'i-1',
        command: 'approve',
        requested_by: 'trader',
        reason: null,
        timestamp: iso(150),
        metadata: {},
      }),
      at('market.tick', 152, createMarketTick()),
      decision([160, 151], 'approved'),
      at('strategy.intent', 200, createStrategyIntent({ intent_id: 'i-2' })),
      decision([201, 201], 'pending_approval', 'i-2'),
      at('market.tick', 250, createMarketTick()),
      decision([262, 261], 'expired', 'i-2'),
    ];
    const plan = planReplay(entries);

    it('handles the command on the entries up to the stamp of the decision it led to', () => {
      expect(plan.approvals.map((a) => a.due)).toEqual([{ index: 3, ms: 151, order: 4 }]);
    });

    it('sweeps at the stamp of the expiry decision', () => {
      expect(plan.sweeps).toEqual([{ index: 8, ms: 261, order: 8 }]);
    });
  });

  describe('when an action stamped later was published first', () => {
    const entries = [
      at('strategy.intent', 100, createStrategyIntent({ intent_id: 'a' })),
      at('strategy.intent', 101, createStrategyIntent({ intent_id: 'b' })),
      at('market.tick', 105, createMarketTick()),
      decision([110, 106], 'approved', 'a'),
      decision([111, 104], 'approved', 'b'),
    ];

    it('never runs it after the one published later', () => {
      const plan = planReplay(entries);
      expect(plan.intents.get('a')?.due.index).toBeLessThanOrEqual(plan.intents.get('b')?.due.index ?? -1);
    });
  });

  describe('when an intent has no decision (a hold)', () => {
    it('takes it in right after its own entry', () => {
      const plan = planReplay([
        at('strategy.intent', 100, createStrategyIntent({ intent_id: 'h', action: 'hold' })),
      ]);
      expect(plan.intents.get('h')?.due).toEqual({ index: 1, ms: 100, order: 0 });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

/** Naive UTC time with microseconds, as the original Python platform wrote it. */
const pythonNow = (): string => `${new Date().toISOString().slice(0, -1)}123`;

/** What reaches the engine from outside: malformed entries and the original platform's legacy signals. */
describe('intake from external producers, live', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, STACK_START_MS);
  afterAll(() => stack.close());

  const statusesOf = async (intentId: string) =>
    (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId).map((d) => d.status);

  describe('when malformed entries are written to strategy.intent', () => {
    it('dead-letters each once per group with its reason, source and entry id, and a valid intent after them still goes through', async () => {
      const notJson = await stack.xadd('strategy.intent', ['data', '{"intent_id": "x", oops']);
      const badSchema = await stack.xadd('strategy.intent', { intent_id: 'no-fields', quantity: 'lots' });
      const noData = await stack.xadd('strategy.intent', ['payload', '{"intent_id":"elsewhere"}']);
      const valid = externalIntent();
      await stack.xadd('strategy.intent', valid);

      await poll(() => statusesOf(valid.intent_id)).toEqual(['pending_approval']);
      const lettersOf = async (group: string) =>
        (await stack.read('dlq')).filter((d) => d.source_stream === 'strategy.intent' && d.group === group);
      await poll(() => lettersOf('engine')).toEqual([
        expect.objectContaining({
          source_entry_id: notJson,
          group: 'engine',
          reason: 'INVALID_JSON',
          raw: '{"intent_id": "x", oops',
        }),
        expect.objectContaining({
          source_entry_id: badSchema,
          group: 'engine',
          reason: 'SCHEMA_MISMATCH',
          raw: JSON.stringify({ intent_id: 'no-fields', quantity: 'lots' }),
        }),
        expect.objectContaining({
          source_entry_id: noData,
          group: 'engine',
          reason: 'MISSING_DATA_FIELD',
          raw: '',
        }),
      ]);
      for (const letter of await lettersOf('engine')) expect(letter.error).not.toBe('');
      // Every group reading the stream gives up on the entry once, the audit recorder's included
      await poll(async () => (await lettersOf('audit-recorder')).map((d) => d.source_entry_id)).toEqual([
        notJson,
        badSchema,
        noData,
      ]);
      // Acked: nothing is left pending in the engine's group
      await poll(() => stack.groupState('strategy.intent', 'engine')).toEqual({ pending: 0, lag: 0 });
    });
  });

  describe('when the original platform writes a legacy buy signal', () => {
    it('becomes intent sig-<entry id> and a pending approval', async () => {
      const entryId = await stack.xadd('strategy.signal', {
        strategy_id: 'grid_legacy',
        signal_type: 'buy',
        symbol: 'BTC/USDT',
        confidence: 0.8,
        target_price: null,
        stop_loss: null,
        take_profit: null,
        timestamp: pythonNow(),
        metadata: { quantity: 0.02, reason: 'grid_level_crossed' },
      });
      const intentId = `sig-${entryId}`;

      await poll(async () =>
        (await stack.read('strategy.intent')).filter((i) => i.intent_id === intentId),
      ).toEqual([
        expect.objectContaining({
          strategy_id: 'grid_legacy',
          symbol: 'BTC/USDT',
          intent_type: 'legacy_signal',
          action: 'buy',
          direction: 'buy',
          quantity: 0.02,
          confidence: 0.8,
          reason: 'grid_level_crossed',
          metadata: expect.objectContaining({ source: 'strategy.signal', source_entry_id: entryId }),
        }),
      ]);
      await poll(() => statusesOf(intentId)).toEqual(['pending_approval']);
      const pending = await stack.client.approvals.pending.query();
      expect(pending.find((p) => p.intent.intent_id === intentId)).toMatchObject({
        intent: { action: 'buy', quantity: 0.02 },
        checks: expect.arrayContaining([expect.objectContaining({ passed: true })]),
      });
    });
  });
});

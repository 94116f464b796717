import type { StreamName } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../audit-store.ts';
import { explainChain, mergeChains, sourceSignalId } from './explain-chain.ts';

const row = (stream: StreamName, entryId: string, message: Record<string, unknown> = {}): AuditRow => ({
  stream,
  entry_id: entryId,
  ts: '2026-03-02T09:15:04.120Z',
  intent_id: 'i-1',
  client_order_id: typeof message.client_order_id === 'string' ? message.client_order_id : null,
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  message,
});

describe('explainChain', () => {
  describe('when there are no rows', () => {
    it('returns null', () => {
      expect(explainChain([], null)).toBeNull();
    });
  });

  describe('when the rows of an intent come from many streams', () => {
    it('orders them by entry-id time, then causal rank within one millisecond', () => {
      const rows = [
        row('order.fill', '300-0'),
        row('intent.decision', '100-0', { decision_id: 'd1' }),
        row('strategy.intent', '100-0'),
        row('order.command', '200-0', { client_order_id: 'i-1-0' }),
        row('position.update', '300-1'),
      ];
      expect(explainChain(rows, null)?.map((n) => `${n.stream}@${n.entry_id}`)).toEqual([
        'strategy.intent@100-0',
        'intent.decision@100-0',
        'order.command@200-0',
        'order.fill@300-0',
        'position.update@300-1',
      ]);
    });

    it('leaves out streams outside the chain (approval commands)', () => {
      const rows = [row('strategy.intent', '1-0'), row('intent.approval', '2-0')];
      expect(explainChain(rows, null)?.map((n) => n.stream)).toEqual(['strategy.intent']);
    });

    it('returns nodes as {stream, entry_id, timestamp, message}', () => {
      const [node] = explainChain([row('strategy.intent', '1-0', { intent_id: 'i-1' })], null) ?? [];
      expect(node).toEqual({
        stream: 'strategy.intent',
        entry_id: '1-0',
        timestamp: '2026-03-02T09:15:04.120Z',
        message: { intent_id: 'i-1' },
      });
    });
  });

  describe('when a decision or an order command was published twice', () => {
    it('keeps the first of each decision_id and client_order_id', () => {
      const rows = [
        row('intent.decision', '20-0', { decision_id: 'd1' }),
        row('intent.decision', '10-0', { decision_id: 'd1' }),
        row('order.command', '30-0', { client_order_id: 'i-1-0' }),
        row('order.command', '31-0', { client_order_id: 'i-1-0' }),
        row('order.command', '32-0', { client_order_id: 'i-1-1' }),
      ];
      expect(explainChain(rows, null)?.map((n) => n.entry_id)).toEqual(['10-0', '30-0', '32-0']);
    });
  });

  describe('when the intent was converted from a legacy signal', () => {
    it('puts the source signal first', () => {
      const intent = row('strategy.intent', '50-0', { metadata: { source_entry_id: '40-0' } });
      const signal = { ...row('strategy.signal', '40-0'), intent_id: null };
      expect(sourceSignalId([intent])).toBe('40-0');
      expect(explainChain([intent], signal)?.map((n) => n.stream)).toEqual([
        'strategy.signal',
        'strategy.intent',
      ]);
    });
  });
});

describe('sourceSignalId', () => {
  it('is null for an intent without a source entry', () => {
    expect(sourceSignalId([row('strategy.intent', '1-0', { metadata: {} })])).toBeNull();
    expect(sourceSignalId([])).toBeNull();
  });
});

describe('mergeChains', () => {
  const node = (stream: StreamName, entryId: string) => ({
    stream,
    entry_id: entryId,
    timestamp: '2026-03-02T09:15:04.120Z',
    message: {},
  });

  describe('when the read model has entries the audit store has not written yet', () => {
    it('adds them once each, in chain order', () => {
      const audited = [node('strategy.intent', '1-0'), node('intent.decision', '2-0')];
      const live = [
        node('intent.decision', '2-0'),
        node('order.command', '3-0'),
        node('strategy.intent', '1-0'),
      ];
      expect(mergeChains(audited, live)?.map((n) => n.entry_id)).toEqual(['1-0', '2-0', '3-0']);
    });
  });

  describe('when only one side knows the intent', () => {
    it('returns that side, or null for neither', () => {
      const one = [node('strategy.intent', '1-0')];
      expect(mergeChains(one, null)).toBe(one);
      expect(mergeChains(null, one)).toBe(one);
      expect(mergeChains(null, null)).toBeNull();
    });
  });
});

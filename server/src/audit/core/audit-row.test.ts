import {
  createMarketTick,
  createOrderFill,
  createPortfolioRisk,
  createPositionUpdate,
  createStrategyIntent,
  createVolSurface,
  TEST_TIMESTAMP,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { parseEntryId, toAuditRow, pgStorable } from './audit-row.ts';

describe('toAuditRow', () => {
  describe('when the message is an intent', () => {
    it('keeps the stream, entry id, message time, intent, strategy and symbol', () => {
      const intent = createStrategyIntent({ intent_id: 'i-1' });
      expect(toAuditRow('strategy.intent', '1772442904120-0', intent)).toEqual({
        stream: 'strategy.intent',
        entry_id: '1772442904120-0',
        ts: TEST_TIMESTAMP,
        intent_id: 'i-1',
        client_order_id: null,
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        message: intent,
      });
    });
  });

  describe('when a fill carries a client order id', () => {
    it('keeps the intent and client order id of the fill', () => {
      const fill = createOrderFill({ intent_id: 'i-2', client_order_id: 'i-2-0' });
      const row = toAuditRow('order.fill', '5-1', fill);
      expect(row).toMatchObject({ intent_id: 'i-2', client_order_id: 'i-2-0', strategy_id: 'grid_btc' });
    });
  });

  describe('when the intent is named only in metadata', () => {
    it('takes intent_id and client_order_id from the metadata (position updates)', () => {
      const update = createPositionUpdate({ metadata: { intent_id: 'i-3', client_order_id: 'i-3-1' } });
      expect(toAuditRow('position.update', '6-0', update)).toMatchObject({
        intent_id: 'i-3',
        client_order_id: 'i-3-1',
        symbol: 'BTC/USDT',
      });
    });

    it('prefers the message field over the metadata', () => {
      const fill = createOrderFill({ intent_id: 'own', metadata: { intent_id: 'meta' } });
      expect(toAuditRow('order.fill', '6-0', fill).intent_id).toBe('own');
    });
  });

  describe('when the message has no symbol field', () => {
    it('uses the underlying of surfaces and portfolio risk', () => {
      expect(toAuditRow('market.vol_surface', '1-0', createVolSurface()).symbol).toBe('BTC/USDT');
      expect(
        toAuditRow('portfolio.risk', '1-0', createPortfolioRisk({ underlying: 'ETH/USDT' })).symbol,
      ).toBe('ETH/USDT');
    });
  });

  describe('when a message has no intent', () => {
    it('leaves intent_id, client_order_id and strategy_id null', () => {
      expect(toAuditRow('market.tick', '1-0', createMarketTick())).toMatchObject({
        intent_id: null,
        client_order_id: null,
        strategy_id: null,
        symbol: 'BTC/USDT',
      });
    });
  });

  describe('when a string holds a NUL character', () => {
    it('replaces it, since Postgres text and JSONB cannot hold it', () => {
      const intent = createStrategyIntent({ intent_id: 'a\u0000b', reason: 'x\u0000' });
      const row = toAuditRow('strategy.intent', '1-0', intent);
      expect(row.intent_id).toBe('a\uFFFDb');
      expect(row.message.reason).toBe('x\uFFFD');
    });
  });

  describe('when the entry id is malformed', () => {
    it('throws naming the entry', () => {
      expect(() => toAuditRow('market.tick', 'abc', createMarketTick())).toThrow(/malformed entry id "abc"/);
    });
  });
});

describe('parseEntryId', () => {
  it('splits <ms>-<seq>', () => {
    expect(parseEntryId('1772442904120-17')).toEqual({ ms: '1772442904120', seq: '17' });
  });

  it('returns null for another form', () => {
    expect(parseEntryId('1772442904120')).toBeNull();
    expect(parseEntryId('x-1')).toBeNull();
  });
});

describe('pgStorable', () => {
  it('replaces lone surrogates and keeps surrogate pairs', () => {
    expect(pgStorable('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });

  it('keeps numbers, booleans, null and nesting', () => {
    const value = { a: [1, true, null, { b: 'c\u0000' }] };
    expect(pgStorable(value)).toEqual({ a: [1, true, null, { b: 'c\uFFFD' }] });
  });
});

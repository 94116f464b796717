import { createIntentDecision } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeMessage } from './codec.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const tick = { symbol: 'BTC/USDT', price: 100, timestamp: '2026-03-02 09:15:04.120456', metadata: {} };

describe('encodeMessage', () => {
  describe('when the message is valid', () => {
    it('writes every field, defaults filled and the timestamp normalised', () => {
      const json = JSON.parse(encodeMessage('market.tick', { ...tick, bid: null, ask: null }));
      expect(json).toEqual({
        ...tick,
        volume: 0,
        bid: null,
        ask: null,
        timestamp: '2026-03-02T09:15:04.120Z',
      });
    });
  });

  describe('when the message is invalid', () => {
    it('throws naming the stream and the first issue with its path', () => {
      expect(() => encodeMessage('market.tick', { ...tick, price: -1, bid: null, ask: null })).toThrow(
        /invalid market\.tick message: price: /,
      );
    });
  });
});

describe('decodeEntry', () => {
  describe('when fields come as a flat Redis array', () => {
    it('reads only the data field', () => {
      const result = decodeEntry('market.tick', ['source', 'x', 'data', JSON.stringify(tick)], NOW);
      expect(result).toMatchObject({ ok: true, message: { symbol: 'BTC/USDT', bid: null, volume: 0 } });
    });
  });

  describe('when the message has no timestamp', () => {
    it('uses the receipt time', () => {
      const result = decodeEntry('market.tick', { data: '{"symbol":"BTC/USDT","price":1}' }, NOW);
      expect(result).toMatchObject({ ok: true, message: { timestamp: '2026-03-02T09:15:04.120Z' } });
    });
  });

  describe('when the entry is malformed', () => {
    it('reports MISSING_DATA_FIELD with an empty raw', () => {
      expect(decodeEntry('market.tick', ['other', '{}'], NOW)).toMatchObject({
        ok: false,
        reason: 'MISSING_DATA_FIELD',
        raw: '',
      });
    });

    it('reports INVALID_JSON with the raw text', () => {
      expect(decodeEntry('market.tick', { data: '{oops' }, NOW)).toMatchObject({
        ok: false,
        reason: 'INVALID_JSON',
        raw: '{oops',
      });
    });

    it('reports SCHEMA_MISMATCH with the first issue and its path', () => {
      const result = decodeEntry('market.tick', { data: '{"symbol":"BTC/USDT","price":"high"}' }, NOW);
      expect(result).toMatchObject({ ok: false, reason: 'SCHEMA_MISMATCH' });
      expect(result.ok ? '' : result.error).toMatch(/^price: /);
    });

    it('reports SCHEMA_MISMATCH for JSON that is not an object', () => {
      expect(decodeEntry('market.tick', { data: '[1,2]' }, NOW)).toMatchObject({
        ok: false,
        reason: 'SCHEMA_MISMATCH',
        error: expect.stringMatching(/^\(root\): /),
      });
    });
  });

  describe('when a code is not in the reason-code table', () => {
    const decision = createIntentDecision({ status: 'vetoed', reason_codes: ['MANUAL_VETO'] });
    const verdict = { check: 'drawdown', passed: false, value: 0.3, limit: 0.2 };

    it('decodes the listed codes', () => {
      const data = JSON.stringify({
        ...decision,
        checks: [{ ...verdict, reason_code: 'MAX_DRAWDOWN_EXCEEDED' }],
      });
      expect(decodeEntry('intent.decision', { data }, NOW)).toMatchObject({ ok: true });
    });

    it.each([
      ['reason_codes', { ...decision, reason_codes: ['UNKNOWN'] }, /^reason_codes\.0: /],
      [
        'a verdict',
        { ...decision, checks: [{ ...verdict, reason_code: 'UNKNOWN' }] },
        /^checks\.0\.reason_code: /,
      ],
    ])('reports SCHEMA_MISMATCH for one in %s, so the consumer dead-letters it', (_where, message, issue) => {
      const result = decodeEntry('intent.decision', { data: JSON.stringify(message) }, NOW);
      expect(result).toMatchObject({ ok: false, reason: 'SCHEMA_MISMATCH' });
      expect(result.ok ? '' : result.error).toMatch(issue);
    });
  });

  describe('when an alert type is not in the alert-type table', () => {
    it('reports SCHEMA_MISMATCH', () => {
      const alert = {
        strategy_id: 'global',
        alert_type: 'mood',
        severity: 'warning',
        message: 'gloomy',
        current_value: 1,
        threshold_value: 0,
      };
      expect(decodeEntry('risk.alert', { data: JSON.stringify(alert) }, NOW)).toMatchObject({
        ok: false,
        reason: 'SCHEMA_MISMATCH',
        error: expect.stringMatching(/^alert_type: /),
      });
      const known = JSON.stringify({ ...alert, alert_type: 'drawdown' });
      expect(decodeEntry('risk.alert', { data: known }, NOW)).toMatchObject({ ok: true });
    });
  });
});

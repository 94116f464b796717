import { describe, expect, it } from 'vitest';
import { InfrastructureError } from '../errors/index.ts';
import { isNoGroupError, parseAutoClaimReply, parseDeliveryCount, parseReadReply } from './redis-replies.ts';

describe('parseReadReply', () => {
  describe('when the read timed out', () => {
    it('returns no entries', () => {
      expect(parseReadReply(null, 'XREAD')).toEqual([]);
    });
  });

  describe('when a stream answered', () => {
    it('returns its entries with their flat fields', () => {
      const reply = [
        [
          'glm:market.tick',
          [
            ['1-0', ['data', '{}']],
            ['1-1', ['x', 'y', 'data', '[]']],
          ],
        ],
      ];
      expect(parseReadReply(reply, 'XREAD')).toEqual([
        { id: '1-0', fields: ['data', '{}'] },
        { id: '1-1', fields: ['x', 'y', 'data', '[]'] },
      ]);
    });
  });

  describe('when the reply has an unexpected shape', () => {
    it('throws naming the command', () => {
      expect(() => parseReadReply('OK', 'XREADGROUP')).toThrow(/XREADGROUP/);
      expect(() => parseReadReply('OK', 'XREADGROUP')).toThrow(InfrastructureError);
    });
  });
});

describe('parseAutoClaimReply', () => {
  it('returns the next cursor and claimed entries, deleted ones with null fields', () => {
    const reply = [
      '0-0',
      [
        ['5-0', ['data', '{}']],
        ['6-0', null],
      ],
      [],
    ];
    expect(parseAutoClaimReply(reply)).toEqual({
      next: '0-0',
      entries: [
        { id: '5-0', fields: ['data', '{}'] },
        { id: '6-0', fields: null },
      ],
    });
  });
});

describe('parseDeliveryCount', () => {
  it('reads the count of the one pending entry, 0 when none', () => {
    expect(parseDeliveryCount([['5-0', 'engine-a', 1200, 4]])).toBe(4);
    expect(parseDeliveryCount([])).toBe(0);
  });
});

describe('isNoGroupError', () => {
  it('recognises NOGROUP replies only', () => {
    expect(isNoGroupError(new Error('NOGROUP No such key or consumer group'))).toBe(true);
    expect(isNoGroupError(new Error('WRONGTYPE'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { listExpiries, nearestExpiryAtLeast } from './expiry-calendar.ts';

const at = (isoTime: string): number => Date.parse(isoTime);

describe('listExpiries', () => {
  describe('when it is an ordinary Monday', () => {
    it('lists tomorrow, the next two Fridays and the last Friday of the month', () => {
      expect(listExpiries(at('2026-03-02T09:15:00Z'))).toEqual([
        '2026-03-03',
        '2026-03-06',
        '2026-03-13',
        '2026-03-27',
      ]);
    });
  });

  describe('when tomorrow is a Friday', () => {
    it('moves each duplicate on to the following Friday', () => {
      expect(listExpiries(at('2026-03-05T10:00:00Z'))).toEqual([
        '2026-03-06',
        '2026-03-13',
        '2026-03-20',
        '2026-03-27',
      ]);
    });
  });

  describe('when the second Friday is the last Friday of the month', () => {
    it('moves the month-end expiry to the following Friday', () => {
      expect(listExpiries(at('2026-03-18T12:00:00Z'))).toEqual([
        '2026-03-19',
        '2026-03-20',
        '2026-03-27',
        '2026-04-03',
      ]);
    });
  });

  describe('when the month-end Friday expires in less than an hour', () => {
    it('skips it and lists the last Friday of next month', () => {
      expect(listExpiries(at('2026-03-27T07:30:00Z'))).toEqual([
        '2026-03-28',
        '2026-04-03',
        '2026-04-10',
        '2026-04-24',
      ]);
    });
  });

  describe('when a Friday expiry is more than an hour away on that Friday', () => {
    it('keeps it as the next Friday', () => {
      expect(listExpiries(at('2026-03-06T06:00:00Z'))).toEqual([
        '2026-03-06',
        '2026-03-07',
        '2026-03-13',
        '2026-03-27',
      ]);
    });
  });

  describe('when the month ends on a Friday', () => {
    it('uses that last day as the month-end expiry', () => {
      expect(listExpiries(at('2026-07-20T00:00:00Z'))).toContain('2026-07-31');
    });
  });

  it('always lists four distinct expiries at least an hour away', () => {
    for (
      let ms = at('2026-01-01T00:00:00Z');
      ms < at('2026-03-01T00:00:00Z');
      ms += 3 * 3_600_000 + 17 * 60_000
    ) {
      const expiries = listExpiries(ms);
      expect(new Set(expiries).size).toBe(4);
      for (const e of expiries) expect(Date.parse(`${e}T08:00:00Z`) - ms).toBeGreaterThanOrEqual(3_600_000);
    }
  });
});

describe('nearestExpiryAtLeast', () => {
  describe('when tomorrow expires in less than 24 hours', () => {
    it('picks the next expiry at least 24 hours away', () => {
      const now = at('2026-03-05T10:00:00Z');
      expect(nearestExpiryAtLeast(listExpiries(now), now)).toBe('2026-03-13');
    });
  });

  describe('when no expiry is far enough', () => {
    it('returns null', () => {
      expect(nearestExpiryAtLeast(['2026-03-03'], at('2026-03-02T09:00:00Z'))).toBeNull();
    });
  });
});

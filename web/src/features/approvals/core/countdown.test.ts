import { describe, expect, it } from 'vitest';
import { countdownText, isExpired, msLeft } from './countdown';

const at = '2026-03-02T09:17:04.000Z';
const atMs = Date.parse(at);

describe('countdownText', () => {
  it('shows minutes and seconds left', () => {
    expect(countdownText(at, atMs - 120_000)).toBe('2:00');
    expect(countdownText(at, atMs - 65_000)).toBe('1:05');
    expect(countdownText(at, atMs - 9_000)).toBe('0:09');
  });

  it('rounds a partial second up, so 0:00 never shows before expiry', () => {
    expect(countdownText(at, atMs - 1)).toBe('0:01');
  });

  describe('when now reaches expires_at', () => {
    it('shows expired', () => {
      expect(countdownText(at, atMs)).toBe('expired');
      expect(countdownText(at, atMs + 5000)).toBe('expired');
    });
  });

  describe('when there is no expiry', () => {
    it('shows a dash', () => {
      expect(countdownText(null, atMs)).toBe('—');
    });
  });
});

describe('isExpired', () => {
  it('is true from expires_at on (now ≥ expires_at)', () => {
    expect(isExpired(at, atMs - 1)).toBe(false);
    expect(isExpired(at, atMs)).toBe(true);
  });
});

describe('msLeft', () => {
  it('never goes negative', () => {
    expect(msLeft(at, atMs + 10)).toBe(0);
    expect(msLeft('not a time', atMs)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isReasonCode, REASON_CODES } from './reason-codes.ts';

// That every code is raised somewhere is tested where the raising code lives: server/src/reason-codes.test.ts

describe('REASON_CODES', () => {
  it('lists each code once', () => {
    expect(new Set(REASON_CODES).size).toBe(REASON_CODES.length);
  });
});

describe('isReasonCode', () => {
  it('accepts the codes of the table only', () => {
    expect(REASON_CODES.every(isReasonCode)).toBe(true);
    expect(isReasonCode('UNKNOWN')).toBe(false);
    expect(isReasonCode('manual_veto')).toBe(false);
    expect(isReasonCode(null)).toBe(false);
  });
});

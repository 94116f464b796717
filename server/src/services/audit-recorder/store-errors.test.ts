import { describe, expect, it } from 'vitest';
import { isRowError } from './store-errors.ts';

const withCode = (code: unknown): Error => Object.assign(new Error('x'), { code });

describe('isRowError', () => {
  it('is true for data, integrity and syntax SQLSTATEs', () => {
    expect(isRowError(withCode('22P05'))).toBe(true);
    expect(isRowError(withCode('23505'))).toBe(true);
    expect(isRowError(withCode('42P01'))).toBe(true);
  });

  it('is false for connection failures and errors without a SQLSTATE', () => {
    expect(isRowError(withCode('08006'))).toBe(false);
    expect(isRowError(withCode('57P01'))).toBe(false);
    expect(isRowError(withCode('ECONNREFUSED'))).toBe(false);
    expect(isRowError(new Error('lost'))).toBe(false);
    expect(isRowError(null)).toBe(false);
  });
});

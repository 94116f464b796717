import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.ts';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments, unquoting values', () => {
    const text = '# tighter\nRISK_MAX_GROSS_LEVERAGE=1.5\n\nexport APPROVAL_MODE="auto"\nSTRATEGIES=a=b\r\n';
    expect(parseEnvFile(text)).toEqual({
      RISK_MAX_GROSS_LEVERAGE: '1.5',
      APPROVAL_MODE: 'auto',
      STRATEGIES: 'a=b',
    });
  });

  it('keeps an empty value (the configuration decides whether it means anything)', () => {
    expect(parseEnvFile('AUTO_APPROVE_ACTIONS=')).toEqual({ AUTO_APPROVE_ACTIONS: '' });
  });

  it.each([
    ['RISK_MAX_GROSS_LEVERAGE 1.5', /tight.env, line 1: expected KEY=VALUE/],
    ['A=1\n1B=2', /line 2: expected KEY=VALUE/],
    ['A=1\nA=2', /line 2: A is set twice/],
  ])('refuses %j naming the line', (text, message) => {
    expect(() => parseEnvFile(text, 'tight.env')).toThrow(message);
  });
});

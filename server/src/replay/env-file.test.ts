import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.ts';
import { isGammaSetting } from '../config/app-config.ts';

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

describe('parseEnvFile with the configuration’s names', () => {
  it('refuses a name no setting has, even without a known prefix, naming the line', () => {
    expect(() => parseEnvFile('APPROVAL_MODE=auto\nMAX_LEVERAGE=1', 'tight.env', isGammaSetting)).toThrow(
      /tight.env, line 2: MAX_LEVERAGE is not a Gamma setting/,
    );
  });

  it('accepts settings and members of a pattern family', () => {
    const text = 'RISK_MAX_GROSS_LEVERAGE=1.5\nSTRATEGY_PQ_VOL_TRADER_BTC_COOLDOWN_S=60';
    expect(Object.keys(parseEnvFile(text, 'tight.env', isGammaSetting))).toHaveLength(2);
  });
});

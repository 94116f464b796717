import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { PaperExchangeConfigSchema } from './config.ts';

describe('PaperExchangeConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(PaperExchangeConfigSchema.parse({})).toEqual({
      spreadBps: 2,
      settlementCheckMs: 60_000,
      warmupMaxAgeS: 60,
      timers: true,
    });
  });
  it('rejects an unknown key', () => {
    expect(PaperExchangeConfigSchema.safeParse({ spread: 2 }).success).toBe(false);
  });
  it('takes PAPER_SPREAD_BPS from the environment', () => {
    expect(loadConfig({ PAPER_SPREAD_BPS: '5' }).paperExchange.spreadBps).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { PaperExchangeConfigSchema, paperExchangeConfigFromEnv } from './config.ts';

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
    const env = loadEnv({ PAPER_SPREAD_BPS: '5' });
    expect(PaperExchangeConfigSchema.parse(paperExchangeConfigFromEnv(env)).spreadBps).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { MarketSimulatorConfigSchema, marketSimulatorConfigFromEnv } from './config.ts';

describe('MarketSimulatorConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(MarketSimulatorConfigSchema.parse({})).toMatchObject({
      seed: 42,
      underlyings: ['BTC/USDT', 'ETH/USDT'],
      tickIntervalMs: 1000,
      surfaceIntervalS: 5,
      spreadBps: 2,
      basisAnnual: 0.03,
      optionHalfSpread: 0.01,
    });
  });

  it('rejects an unknown key', () => {
    expect(MarketSimulatorConfigSchema.safeParse({ tickMs: 10 }).success).toBe(false);
  });

  it('rejects an underlying that is not a spot symbol', () => {
    expect(MarketSimulatorConfigSchema.safeParse({ underlyings: ['BTC-PERP'] }).success).toBe(false);
  });

  it('takes SIM_* and the sentiment port from the environment', () => {
    const env = loadEnv({ SIM_SEED: '7', SIM_TICK_INTERVAL_MS: '250', PORT: '5000' });
    expect(MarketSimulatorConfigSchema.parse(marketSimulatorConfigFromEnv(env))).toMatchObject({
      seed: 7,
      tickIntervalMs: 250,
      sentimentPort: 5001,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { MarketSimulatorConfigSchema } from './config.ts';

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
      warmupMin: 60,
    });
  });

  it('takes the warm-up length from SIM_WARMUP_MIN, 0 included', () => {
    expect(loadConfig({ SIM_WARMUP_MIN: '0' }).marketSimulator.warmupMin).toBe(0);
  });

  it('rejects a negative SIM_WARMUP_MIN naming it', () => {
    expect(() => loadConfig({ SIM_WARMUP_MIN: '-5' })).toThrow(/SIM_WARMUP_MIN/);
  });

  it('offers 60 days of breakdown history by default; SIM_DAILY_HISTORY_DAYS=0 disables it', () => {
    expect(loadConfig({}).marketSimulator).toMatchObject({
      dailyHistoryDays: 60,
      dailyHistoryShape: 'breakdown',
    });
    expect(
      loadConfig({ SIM_DAILY_HISTORY_DAYS: '0', SIM_DAILY_HISTORY_SHAPE: 'walk' }).marketSimulator,
    ).toMatchObject({
      dailyHistoryDays: 0,
      dailyHistoryShape: 'walk',
    });
  });

  it('rejects a fractional, negative or too long daily history and an unknown shape, naming each', () => {
    for (const days of ['2.5', '-1', '1001', 'many'])
      expect(() => loadConfig({ SIM_DAILY_HISTORY_DAYS: days })).toThrow(/SIM_DAILY_HISTORY_DAYS/);
    expect(() => loadConfig({ SIM_DAILY_HISTORY_SHAPE: 'crash' })).toThrow(/SIM_DAILY_HISTORY_SHAPE/);
  });

  describe('when the warm-up would take more steps than a few seconds allow', () => {
    it('rejects it with a message naming both variables', () => {
      const parsed = MarketSimulatorConfigSchema.safeParse({ warmupMin: 60, tickIntervalMs: 20 });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/SIM_WARMUP_MIN.*SIM_TICK_INTERVAL_MS/);
    });
  });

  it('rejects an unknown key', () => {
    expect(MarketSimulatorConfigSchema.safeParse({ tickMs: 10 }).success).toBe(false);
  });

  it('rejects an underlying that is not a spot symbol', () => {
    expect(MarketSimulatorConfigSchema.safeParse({ underlyings: ['BTC-PERP'] }).success).toBe(false);
  });

  it('takes SIM_* and the sentiment port from the environment', () => {
    const config = loadConfig({ SIM_SEED: '7', SIM_TICK_INTERVAL_MS: '250', PORT: '5000' });
    expect(config.marketSimulator).toMatchObject({
      seed: 7,
      tickIntervalMs: 250,
      sentimentPort: 5001,
    });
  });
});

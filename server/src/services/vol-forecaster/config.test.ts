import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { VolForecasterConfigSchema } from './config.ts';

describe('VolForecasterConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(VolForecasterConfigSchema.parse({})).toMatchObject({
      underlyings: ['BTC/USDT', 'ETH/USDT'],
      barSeconds: 5,
      minReturns: 20,
      intervalS: 10,
      lambda: 0.94,
      garchMinReturns: 200,
    });
  });

  it('defaults HAR-RV to 60 s blocks with 5- and 22-block means', () => {
    expect(VolForecasterConfigSchema.parse({})).toMatchObject({
      harBlockSeconds: 60,
      harMedium: 5,
      harLong: 22,
    });
  });

  it('rejects HAR lags that are not 1 < medium < long', () => {
    expect(VolForecasterConfigSchema.safeParse({ harMedium: 22, harLong: 5 }).success).toBe(false);
    expect(VolForecasterConfigSchema.safeParse({ harMedium: 1 }).success).toBe(false);
  });

  it('rejects an unknown key', () => {
    expect(VolForecasterConfigSchema.safeParse({ barSecs: 5 }).success).toBe(false);
  });

  it('takes FORECAST_* from the environment', () => {
    const config = loadConfig({
      FORECAST_BAR_S: '10',
      FORECAST_MIN_RETURNS: '30',
      FORECAST_INTERVAL_S: '20',
    });
    expect(config.volForecaster).toMatchObject({
      barSeconds: 10,
      minReturns: 30,
      intervalS: 20,
    });
  });
});

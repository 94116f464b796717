import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { OptionExecutionConfigSchema } from './config.ts';

describe('OptionExecutionConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(OptionExecutionConfigSchema.parse({})).toEqual({
      maxSurfaceAgeS: 60,
      minExpiryHours: 24,
      strangleDelta: 0.25,
      priceBufferPct: 0.01,
    });
  });

  it('rejects an unknown key', () => {
    expect(OptionExecutionConfigSchema.safeParse({ maxSurfaceAge: 60 }).success).toBe(false);
  });

  it('takes EXEC_* from the environment', () => {
    expect(
      loadConfig({ EXEC_SURFACE_MAX_AGE_S: '30', EXEC_PRICE_BUFFER_PCT: '0.02' }).optionExecution,
    ).toMatchObject({
      maxSurfaceAgeS: 30,
      priceBufferPct: 0.02,
    });
  });
});

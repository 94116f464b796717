import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/app-config.ts';
import { GridConfigSchema, PqVolTraderConfigSchema } from '../config.ts';
import { createStrategies } from './registry.ts';

const resolve = (vars: Record<string, string>) => loadConfig(vars).strategyRunner;

describe('createStrategies', () => {
  it('creates one strategy per instance with its id', () => {
    const strategies = createStrategies(resolve({}).instances, () => 'id');
    expect(strategies.map((s) => s.id)).toEqual(resolve({}).instances.map((i) => i.id));
  });
});

describe('config schemas', () => {
  it('parse {} to the defaults and reject unknown keys', () => {
    expect(PqVolTraderConfigSchema.parse({})).toMatchObject({ volThreshold: 0.05, signalCooldownS: 3600 });
    expect(() => GridConfigSchema.parse({ gridSize: 2 })).toThrow();
  });
});

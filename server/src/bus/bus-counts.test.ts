import { describe, expect, it } from 'vitest';
import { countField, epochMinute, parseMinuteCounts } from './bus-counts.ts';

describe('bus counts', () => {
  it('buckets an instant by its epoch minute', () => {
    expect(epochMinute(Date.parse('2026-03-02T09:15:59.999Z'))).toBe(
      Date.parse('2026-03-02T09:15:00.000Z') / 60_000,
    );
  });

  it('folds a minute hash into counts per stream and group, skipping fields it does not know', () => {
    const hash = {
      [countField('strategy.intent', 'engine', 'handled')]: '12',
      [countField('strategy.intent', 'engine', 'failed')]: '2',
      [countField('market.tick', 'risk-service', 'handled')]: '300',
      'market.tick|risk-service|other': '5',
      'no-separator': '1',
      [countField('market.tick', 'engine', 'failed')]: 'NaN',
    };

    expect(parseMinuteCounts(hash)).toEqual(
      new Map([
        ['strategy.intent|engine', { handled: 12, failed: 2 }],
        ['market.tick|risk-service', { handled: 300, failed: 0 }],
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { historyRows, mergeHistory } from './vol-series';

const at = (second: number): string => new Date(Date.UTC(2026, 11, 5, 12, 0, second)).toISOString();

describe('mergeHistory', () => {
  it('appends the live samples newer than the history, carrying the other values forward', () => {
    const history = [{ timestamp: at(10), atm_iv: 0.5, forecasts: { '24h': 0.6 } }];
    const live = [
      { timestamp: at(5), key: null, value: 0.4 },
      { timestamp: at(20), key: '24h', value: 0.62 },
      { timestamp: at(20), key: '1h', value: 0.7 },
      { timestamp: at(15), key: null, value: 0.55 },
    ];

    expect(mergeHistory(history, live)).toEqual([
      { timestamp: at(10), atm_iv: 0.5, forecasts: { '24h': 0.6 } },
      { timestamp: at(15), atm_iv: 0.55, forecasts: { '24h': 0.6 } },
      { timestamp: at(20), atm_iv: 0.55, forecasts: { '24h': 0.62, '1h': 0.7 } },
    ]);
  });

  it('keeps the newest points within the bound', () => {
    const live = [0, 1, 2].map((s) => ({ timestamp: at(s), key: null, value: s }));
    expect(mergeHistory(undefined, live, 2).map((p) => p.atm_iv)).toEqual([1, 2]);
  });
});

describe('historyRows', () => {
  it('flattens each point to time, P and one key per horizon', () => {
    expect(
      historyRows([{ timestamp: at(0), atm_iv: 0.5, forecasts: { '24h': 0.6 } }], ['1h', '24h']),
    ).toEqual([{ t: Date.parse(at(0)), p: 0.5, q_1h: null, q_24h: 0.6 }]);
  });
});

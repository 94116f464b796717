import { describe, expect, it } from 'vitest';
import { matchesFilter } from './text-filter';

const row = ['pq_vol_trader_btc', 'sell_straddle', 'Sell straddle', 'BTC/USDT', null, undefined];

describe('matchesFilter', () => {
  it('matches every row when the query is blank', () => {
    expect(matchesFilter(row, '')).toBe(true);
    expect(matchesFilter(row, '   ')).toBe(true);
  });

  it('matches a word anywhere in the texts, whatever its case', () => {
    expect(matchesFilter(row, 'btc')).toBe(true);
    expect(matchesFilter(row, 'STRADDLE')).toBe(true);
    expect(matchesFilter(row, 'eth')).toBe(false);
  });

  it('needs every word to match (and), each in any of the texts', () => {
    expect(matchesFilter(row, 'sell btc')).toBe(true);
    expect(matchesFilter(row, 'sell eth')).toBe(false);
  });
});

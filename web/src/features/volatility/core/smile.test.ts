import type { OptionChainData } from '@gamma/shared';
import { createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { smilesOf, smileSummary } from './smile';

const row = (expiry: string, strike: number, [type, iv]: ['call' | 'put', number]): OptionChainData => ({
  underlying: 'BTC/USDT',
  strike,
  expiry,
  option_type: type,
  bid: 1,
  ask: 2,
  last: 1.5,
  volume: 0,
  open_interest: 0,
  implied_volatility: iv,
  greeks: null,
  symbol: null,
});

describe('smilesOf', () => {
  it('takes the out-of-the-money side at each strike, one smile per expiry, nearest expiry first', () => {
    const surface = createVolSurface({
      spot_price: 100,
      forwards: { '2026-12-11': 100 },
      surface_data: [
        row('2026-12-11', 90, ['put', 0.7]),
        row('2026-12-11', 90, ['call', 0.9]),
        row('2026-12-11', 110, ['call', 0.6]),
        row('2026-12-11', 110, ['put', 0.8]),
        row('2026-12-06', 100, ['call', 0.5]),
      ],
    });

    expect(smilesOf(surface)).toEqual([
      { expiry: '2026-12-06', forward: 100, points: [{ strike: 100, moneyness: 1, iv: 0.5 }] },
      {
        expiry: '2026-12-11',
        forward: 100,
        points: [
          { strike: 90, moneyness: 0.9, iv: 0.7 },
          { strike: 110, moneyness: 1.1, iv: 0.6 },
        ],
      },
    ]);
  });

  it('leaves out options without an implied vol, and has nothing without a surface', () => {
    const surface = createVolSurface({ surface_data: [row('2026-12-11', 90, ['put', 0])] });
    expect(smilesOf(surface)).toEqual([]);
    expect(smilesOf(null)).toEqual([]);
  });
});

describe('smileSummary', () => {
  it('tells each expiry’s ATM vol and range, and Q', () => {
    const smiles = [
      {
        expiry: '2026-12-11',
        forward: 100,
        points: [
          { strike: 90, moneyness: 0.9, iv: 0.7 },
          { strike: 100, moneyness: 1, iv: 0.55 },
          { strike: 110, moneyness: 1.1, iv: 0.6 },
        ],
      },
    ];
    expect(smileSummary('BTC/USDT', smiles, 0.612)).toBe(
      'BTC/USDT volatility smile by expiry, implied vol against moneyness K/F: ' +
        '2026-12-11 ATM 55.0% (55.0% to 70.0%); forecast (Q) 61.2%',
    );
  });
});

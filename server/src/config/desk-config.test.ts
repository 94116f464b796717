import { describe, expect, it } from 'vitest';
import { deskConfig } from './desk-config.ts';
import { loadConfig } from './app-config.ts';

describe('deskConfig', () => {
  describe('when nothing is set', () => {
    it('gives the SPEC defaults for every underlying', () => {
      expect(deskConfig(loadConfig({}).desk)).toEqual({
        approval_mode: 'manual',
        approval_ttl_s: 120,
        approval_policy: { extreme_fomo: 0.8, elevated_fomo: 0.5, stale_after_s: 180 },
        max_fomo_score: 0.7,
        underlyings: [
          {
            underlying: 'BTC/USDT',
            delta_threshold: 0.05,
            hedge_instrument: 'BTC/USDT:USDT',
            greek_limits: { delta: 2, gamma: 0.0004, vega_usd: 5000, short_theta_usd: 2500 },
          },
          {
            underlying: 'ETH/USDT',
            delta_threshold: 0.05,
            hedge_instrument: 'ETH/USDT:USDT',
            greek_limits: { delta: 20, gamma: 0.13, vega_usd: 2000, short_theta_usd: 1000 },
          },
        ],
      });
    });
  });

  describe('when a Greek limit names only one coin', () => {
    it('gives that coin its limit and the other none', () => {
      const { desk } = loadConfig({ RISK_MAX_ABS_VEGA_USD: 'ETH:750' });
      const [btc, eth] = deskConfig(desk).underlyings;
      expect(btc?.greek_limits.vega_usd).toBeNull();
      expect(eth?.greek_limits.vega_usd).toBe(750);
      expect(eth?.greek_limits.delta).toBe(20);
    });
  });

  describe('when a hedger has its own threshold and the instrument template changes', () => {
    it('uses them for that underlying only', () => {
      const { desk } = loadConfig({
        STRATEGY_DELTA_HEDGER_ETH_DELTA_THRESHOLD: '0.5',
        DELTA_HEDGE_INSTRUMENT: '{BASE}-PERP',
        PQ_MAX_FOMO_SCORE: '0.6',
      });
      expect(deskConfig(desk)).toMatchObject({
        max_fomo_score: 0.6,
        underlyings: [
          { underlying: 'BTC/USDT', delta_threshold: 0.05, hedge_instrument: 'BTC-PERP' },
          { underlying: 'ETH/USDT', delta_threshold: 0.5, hedge_instrument: 'ETH-PERP' },
        ],
      });
    });
  });
});

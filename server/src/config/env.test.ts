import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

describe('loadEnv', () => {
  describe('when nothing is set', () => {
    it('gives the SPEC §11 defaults', () => {
      const env = loadEnv({});
      expect(env).toMatchObject({
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        STREAM_PREFIX: 'glm',
        PORT: 4000,
        APPROVAL_MODE: 'manual',
        APPROVAL_TTL_S: 120,
        RISK_MAX_POSITION_QTY: { BTC: 5, ETH: 50 },
        UNDERLYINGS: ['BTC/USDT', 'ETH/USDT'],
        AUTO_APPROVE_ACTIONS: [],
      });
      expect(env.sentimentUrls).toEqual(['http://127.0.0.1:4001']);
    });
  });

  describe('when the sentiment list is empty', () => {
    it('disables sentiment', () => {
      expect(loadEnv({ SENTIMENT_API_URLS: '' }).sentimentUrls).toEqual([]);
    });
  });

  describe('when PORT is 0', () => {
    it('lets the sentiment server take any free port too', () => {
      expect(loadEnv({ PORT: '0' }).simSentimentPort).toBe(0);
    });
  });

  describe('when variables are invalid', () => {
    it('names every bad variable at once', () => {
      const load = () => loadEnv({ APPROVAL_MODE: 'sometimes', PORT: 'x', RISK_MAX_POSITION_QTY: 'BTC:-1' });
      expect(load).toThrow(/APPROVAL_MODE/);
      expect(load).toThrow(/PORT/);
      expect(load).toThrow(/RISK_MAX_POSITION_QTY/);
    });
  });

  describe('when per-instance strategy overrides are set', () => {
    it('collects them for the strategy runner', () => {
      const env = loadEnv({ STRATEGY_PQ_VOL_TRADER_ETH_VOL_THRESHOLD: '0.06' });
      expect(env.strategyOverrides).toEqual({ STRATEGY_PQ_VOL_TRADER_ETH_VOL_THRESHOLD: '0.06' });
    });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { RiskServiceConfigSchema } from './config.ts';

describe('RiskServiceConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(RiskServiceConfigSchema.parse({})).toMatchObject({
      underlyings: ['BTC/USDT', 'ETH/USDT'],
      initialBalance: 100_000,
      portfolioRiskIntervalMs: 1000,
      riskCheckIntervalS: 60,
      alertRepeatS: 600,
      maxDrawdown: 0.2,
      drawdownWarning: 0.15,
      positionRatioWarning: 0.75,
      maxLeverage: 3,
      deltaThreshold: 0.05,
      macroIntervalS: 60,
      macroSymbol: 'BTC/USDT',
      macroVolWindowMin: 60,
      macroVolBarS: 60,
      sentimentQuery: 'BTC',
      timers: true,
    });
  });
  it('rejects an unknown key', () => {
    expect(RiskServiceConfigSchema.safeParse({ maxLev: 3 }).success).toBe(false);
  });
  describe('the on-chain source', () => {
    it('defaults to the simulator beside sentiment, with the breaker and staleness settings', () => {
      expect(loadConfig({ SIM_SENTIMENT_PORT: '4501' }).riskService).toMatchObject({
        onchainUrl: 'http://127.0.0.1:4501',
        onchainTimeoutMs: 3000,
        onchainRetries: 2,
        onchainRetryBackoffMs: 500,
        onchainBreakerThreshold: 3,
        onchainBreakerCooldownS: 120,
        onchainStaleS: 300,
      });
    });

    it('is disabled by an empty ONCHAIN_URL', () => {
      expect(loadConfig({ ONCHAIN_URL: '' }).riskService.onchainUrl).toBe('');
    });

    it('rejects a URL that is not http(s), a threshold under 1 and fractional retries, naming each', () => {
      expect(() => loadConfig({ ONCHAIN_URL: 'chain.example' })).toThrow(/ONCHAIN_URL/);
      expect(() => loadConfig({ ONCHAIN_BREAKER_THRESHOLD: '0' })).toThrow(/ONCHAIN_BREAKER_THRESHOLD/);
      expect(() => loadConfig({ ONCHAIN_RETRIES: '1.5' })).toThrow(/ONCHAIN_RETRIES/);
      expect(() => loadConfig({ ONCHAIN_STALE_S: '0' })).toThrow(/ONCHAIN_STALE_S/);
      expect(() => loadConfig({ ONCHAIN_TIMEOUT_MS: '-1' })).toThrow(/ONCHAIN_TIMEOUT_MS/);
    });
  });

  describe('when read from the environment', () => {
    it('takes the §11 variables and per-hedger delta thresholds', () => {
      const config = loadConfig({
        RISK_MAX_GROSS_LEVERAGE: '2',
        SENTIMENT_API_URLS: 'http://a, http://b',
        STRATEGY_DELTA_HEDGER_ETH_DELTA_THRESHOLD: '0.2',
      });
      expect(config.riskService).toMatchObject({
        maxLeverage: 2,
        sentimentUrls: ['http://a', 'http://b'],
        deltaThresholdByBase: { ETH: 0.2 },
      });
    });
    it('stops on an unparsable delta threshold override, naming it', () => {
      expect(() => loadConfig({ STRATEGY_DELTA_HEDGER_BTC_DELTA_THRESHOLD: 'abc' })).toThrow(
        /STRATEGY_DELTA_HEDGER_BTC_DELTA_THRESHOLD/,
      );
    });
  });
});

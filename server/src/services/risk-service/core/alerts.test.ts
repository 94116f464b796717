import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type AlertLimits, type AlertState, type RiskSnapshot } from './alerts.ts';

const limits: AlertLimits = {
  maxDrawdown: 0.2,
  drawdownWarning: 0.15,
  positionRatioWarning: 0.75,
  maxPositionRatio: 0.8,
  minPositionRatio: 0.1,
  maxLeverage: 3,
  repeatMs: 600_000,
  deltaLimit: () => 0.1,
};
const calm: RiskSnapshot = {
  drawdown: 0,
  positionRatio: 0.5,
  leverage: 1,
  deltas: new Map([['BTC/USDT', 0]]),
};
const T0 = 1_000_000;
const run = (state: AlertState, snapshot: Partial<RiskSnapshot>, nowMs = T0) =>
  evaluateAlerts(state, { ...calm, ...snapshot }, { limits, nowMs, nowIso: new Date(nowMs).toISOString() });

describe('evaluateAlerts', () => {
  describe('when every figure is within limits', () => {
    it('raises nothing', () => {
      expect(run(new Map(), {}).alerts).toEqual([]);
    });
  });

  describe('when drawdown passes 15 %', () => {
    it('raises one drawdown warning with the measured value and the 0.15 threshold', () => {
      const { alerts } = run(new Map(), { drawdown: 0.16 });
      expect(alerts).toEqual([
        expect.objectContaining({
          strategy_id: 'global',
          alert_type: 'drawdown',
          severity: 'warning',
          current_value: 0.16,
          threshold_value: 0.15,
          metadata: expect.objectContaining({ state: 'raised' }),
        }),
      ]);
    });
  });

  describe('when drawdown passes the configured maximum', () => {
    it('raises a critical alert with MAX_DRAWDOWN_EXCEEDED', () => {
      const first = run(new Map(), { drawdown: 0.16 });
      const { alerts } = run(first.state, { drawdown: 0.25 }, T0 + 1000);
      expect(alerts).toEqual([
        expect.objectContaining({
          severity: 'critical',
          threshold_value: 0.2,
          metadata: expect.objectContaining({ reason_code: 'MAX_DRAWDOWN_EXCEEDED', state: 'raised' }),
        }),
      ]);
    });
  });

  describe('when a condition lasts', () => {
    it('stays silent until the repeat interval, then repeats', () => {
      const first = run(new Map(), { leverage: 4 });
      expect(first.alerts).toHaveLength(1);
      const second = run(first.state, { leverage: 4.2 }, T0 + 599_999);
      expect(second.alerts).toEqual([]);
      const third = run(second.state, { leverage: 4.2 }, T0 + 600_000);
      expect(third.alerts).toEqual([
        expect.objectContaining({
          alert_type: 'leverage',
          severity: 'critical',
          current_value: 4.2,
          threshold_value: 3,
        }),
      ]);
      expect(third.alerts[0]?.metadata?.repeat).toBe(true);
    });
  });

  describe('when a condition clears', () => {
    it('sends one info alert marked cleared, then nothing', () => {
      const raised = run(new Map(), { leverage: 4 });
      const cleared = run(raised.state, { leverage: 2 }, T0 + 1);
      expect(cleared.alerts).toEqual([
        expect.objectContaining({
          alert_type: 'leverage',
          severity: 'info',
          current_value: 2,
          threshold_value: 3,
          metadata: expect.objectContaining({ state: 'cleared' }),
        }),
      ]);
      expect(run(cleared.state, { leverage: 2 }, T0 + 2).alerts).toEqual([]);
    });
  });

  describe('when the position ratio leaves its band', () => {
    it('warns above 0.75 and below the minimum', () => {
      expect(run(new Map(), { positionRatio: 0.76 }).alerts[0]).toMatchObject({
        alert_type: 'position_limit',
        severity: 'warning',
        threshold_value: 0.75,
      });
      expect(run(new Map(), { positionRatio: 0.05 }).alerts[0]).toMatchObject({
        alert_type: 'position_limit',
        threshold_value: 0.1,
        metadata: { reason_code: 'POSITION_RATIO_BELOW_MIN' },
      });
    });
  });

  describe("when an underlying's |delta| exceeds its limit", () => {
    it('warns for that underlying only', () => {
      const { alerts } = run(new Map(), {
        deltas: new Map([
          ['BTC/USDT', -0.15],
          ['ETH/USDT', 0.05],
        ]),
      });
      expect(alerts).toEqual([
        expect.objectContaining({
          alert_type: 'delta',
          severity: 'warning',
          current_value: -0.15,
          threshold_value: 0.1,
          metadata: expect.objectContaining({ underlying: 'BTC/USDT', state: 'raised' }),
        }),
      ]);
    });
  });
});

import type { AlertAck, RiskAlertEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { alertBoardRows, alertKeyOf, applyRiskAlert, createAlertBoard } from './alert-board.ts';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();

const alert = (s: number, overrides: Partial<RiskAlertEvent> = {}): RiskAlertEvent => ({
  strategy_id: 'global',
  alert_type: 'delta',
  severity: 'warning',
  message: 'BTC/USDT |delta| 0.2 > 0.1',
  current_value: 0.2,
  threshold_value: 0.1,
  timestamp: at(s),
  metadata: { underlying: 'BTC/USDT', state: 'raised', repeat: false },
  ...overrides,
});
const repeat = (s: number) =>
  alert(s, { metadata: { underlying: 'BTC/USDT', state: 'raised', repeat: true } });
const cleared = (s: number) =>
  alert(s, {
    severity: 'info',
    message: 'delta BTC/USDT back within limits',
    current_value: 0.01,
    metadata: { underlying: 'BTC/USDT', state: 'cleared' },
  });

function setup(maxAlerts = 10) {
  const state = createAlertBoard(maxAlerts);
  let seq = 0;
  const feed = (...alerts: RiskAlertEvent[]) => {
    for (const message of alerts) {
      seq += 1;
      applyRiskAlert(state, { id: `2000-${seq}`, message });
    }
  };
  const rows = (acks: ReadonlyMap<string, AlertAck> = new Map()) => alertBoardRows(state, acks);
  return { state, feed, rows };
}

const KEY = 'global|delta|BTC/USDT';

describe('the alert board', () => {
  it('groups an alert by strategy, type and underlying', () => {
    expect(alertKeyOf(alert(0))).toBe(KEY);
    expect(alertKeyOf(alert(0, { alert_type: 'drawdown', metadata: { underlying: null } }))).toBe(
      'global|drawdown|',
    );
  });

  it('shows a raise with its repeats, last seen and latest value, unacknowledged', () => {
    const { feed, rows } = setup();
    feed(alert(0), repeat(600), { ...repeat(1200), current_value: 0.3 });
    expect(rows()).toEqual([
      {
        key: KEY,
        strategy_id: 'global',
        alert_type: 'delta',
        underlying: 'BTC/USDT',
        status: 'active',
        severity: 'warning',
        message: 'BTC/USDT |delta| 0.2 > 0.1',
        current_value: 0.3,
        threshold_value: 0.1,
        raise_id: '2000-1',
        first_raised_at: at(0),
        repeats: 2,
        last_seen_at: at(1200),
        cleared_at: null,
        ack: null,
      },
    ]);
  });

  describe('when the risk service clears it (an info alert, state cleared)', () => {
    it('shows it cleared with when, keeping the raise it ended', () => {
      const { feed, rows } = setup();
      feed(alert(0), cleared(30));
      expect(rows()[0]).toMatchObject({
        status: 'cleared',
        cleared_at: at(30),
        last_seen_at: at(30),
        raise_id: '2000-1',
        current_value: 0.01,
        message: 'delta BTC/USDT back within limits',
      });
    });

    it('starts a new raise (new id, repeats from 0) when raised again', () => {
      const { feed, rows } = setup();
      feed(alert(0), repeat(10), cleared(30), alert(40));
      expect(rows()[0]).toMatchObject({
        status: 'active',
        raise_id: '2000-4',
        first_raised_at: at(40),
        repeats: 0,
        cleared_at: null,
      });
    });
  });

  it('ignores a clear of nothing', () => {
    const { feed, rows } = setup();
    feed(cleared(0));
    expect(rows()).toEqual([]);
  });

  describe('when an unmarked raise changes the severity while active', () => {
    it('is a new raise to acknowledge; a marked repeat or the same severity is not', () => {
      const { feed, rows } = setup();
      feed(alert(0), alert(5));
      expect(rows()[0]).toMatchObject({ raise_id: '2000-1', repeats: 1 });
      feed(alert(10, { severity: 'critical' }));
      expect(rows()[0]).toMatchObject({ raise_id: '2000-3', severity: 'critical', repeats: 2 });
    });
  });

  it('shows the acknowledgement of the current raise', () => {
    const { feed, rows } = setup();
    feed(alert(0));
    const ack = { by: 'alice', at: at(3) };
    expect(rows(new Map([[KEY, ack]]))[0]?.ack).toEqual(ack);
  });

  it('lists active alerts first, then cleared, each newest seen first', () => {
    const { feed, rows } = setup();
    feed(
      alert(0, { alert_type: 'drawdown', metadata: {} }),
      alert(1),
      cleared(2),
      alert(3, { alert_type: 'leverage', metadata: {} }),
    );
    expect(rows().map((r) => [r.alert_type, r.status])).toEqual([
      ['leverage', 'active'],
      ['drawdown', 'active'],
      ['delta', 'cleared'],
    ]);
  });

  it('keeps at most maxAlerts, dropping the longest unseen, and applies an entry id once', () => {
    const { state, feed, rows } = setup(2);
    feed(alert(0, { strategy_id: 'a' }), alert(1, { strategy_id: 'b' }), repeat(2));
    feed(alert(3, { strategy_id: 'a' }), alert(4, { strategy_id: 'c' }));
    expect(rows().map((r) => r.strategy_id)).toEqual(['c', 'a']);
    applyRiskAlert(state, { id: '2000-1', message: alert(9, { strategy_id: 'z' }) });
    expect(rows().map((r) => r.strategy_id)).toEqual(['c', 'a']);
  });
});

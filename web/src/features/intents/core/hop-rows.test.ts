import { describe, expect, it } from 'vitest';
import { latencyText, layoutHops, stepName } from './hop-rows';

describe('latencyText', () => {
  it('shows milliseconds, then seconds, then minutes', () => {
    expect(latencyText(0)).toBe('0 ms');
    expect(latencyText(999)).toBe('999 ms');
    expect(latencyText(12_494)).toBe('12.49 s');
    expect(latencyText(125_000)).toBe('2m 05s');
  });
});

describe('stepName', () => {
  it('names the legs of the intent by their number and decisions by their status', () => {
    expect(stepName('order:i-7-1', 'i-7')).toBe('order leg 1');
    expect(stepName('fill:i-7-0', 'i-7')).toBe('fill leg 0');
    expect(stepName('decision:pending_approval', 'i-7')).toBe('pending approval');
    expect(stepName('command', 'i-7')).toBe('execution command');
  });

  it('keeps a client order id of another form whole', () => {
    expect(stepName('order:ext-5-0', 'i-7')).toBe('order leg ext-5-0');
    expect(stepName('mystery', 'i-7')).toBe('mystery');
  });
});

describe('layoutHops', () => {
  const straddle = [
    { from: 'intent', to: 'decision:pending_approval', ms: 10 },
    { from: 'decision:pending_approval', to: 'approval', ms: 800 },
    { from: 'approval', to: 'decision:approved', ms: 10 },
    { from: 'decision:approved', to: 'command', ms: 0 },
    { from: 'command', to: 'order:i-1-0', ms: 80 },
    { from: 'command', to: 'order:i-1-1', ms: 90 },
    { from: 'order:i-1-1', to: 'fill:i-1-1', ms: 10 },
    { from: 'order:i-1-0', to: 'fill:i-1-0', ms: 100 },
  ];

  it('starts each hop when its cause happened, parallel legs together', () => {
    const { rows, totalMs } = layoutHops(straddle, 'i-1');
    expect(totalMs).toBe(1000);
    expect(rows.map((r) => [r.to, r.start, r.width])).toEqual([
      ['pending approval', 0, 0.01],
      ['approval', 0.01, 0.8],
      ['approved', 0.81, 0.01],
      ['execution command', 0.82, 0],
      ['order leg 0', 0.82, 0.08],
      ['order leg 1', 0.82, 0.09],
      ['fill leg 1', 0.91, 0.01],
      ['fill leg 0', 0.9, 0.1],
    ]);
  });

  it('marks the slowest hop only', () => {
    const { rows } = layoutHops(straddle, 'i-1');
    expect(rows.filter((r) => r.slowest).map((r) => r.to)).toEqual(['approval']);
  });

  describe('when the first recorded step is not the intent, or nothing took time', () => {
    it('starts at that step and divides by nothing', () => {
      const { rows, totalMs } = layoutHops([{ from: 'decision:approved', to: 'order:x-0', ms: 0 }], 'x');
      expect(totalMs).toBe(0);
      expect(rows[0]).toMatchObject({ start: 0, width: 0, slowest: false, latency: '0 ms' });
    });
  });
});

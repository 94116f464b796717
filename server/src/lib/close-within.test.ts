import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeWithin, type ClosablePart } from './close-within.ts';

const part = (name: string, close: () => Promise<unknown>): ClosablePart => ({ name, close });
const never = () => new Promise<never>(() => undefined);

describe('closeWithin', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes the stages in order and reports the parts that failed', async () => {
    const order: string[] = [];
    const closing = closeWithin(
      [
        [part('gateway', async () => order.push('gateway'))],
        [
          part('engine', async () => order.push('engine')),
          part('paper-exchange', () => Promise.reject(new Error('gone'))),
        ],
        [part('bus', async () => order.push('bus'))],
      ],
      8000,
    );
    await expect(closing).resolves.toEqual({
      kind: 'closed',
      failures: [{ name: 'paper-exchange', error: new Error('gone') }],
    });
    expect(order).toEqual(['gateway', 'engine', 'bus']);
  });

  it('gives up at the deadline, naming the parts still closing and those not reached', async () => {
    const closing = closeWithin(
      [
        [part('gateway', async () => undefined)],
        [part('engine', never), part('risk-service', async () => 1)],
        [part('bus', async () => 1)],
      ],
      8000,
    );
    await vi.advanceTimersByTimeAsync(7999);
    let settled = false;
    void closing.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(closing).resolves.toEqual({
      kind: 'timed-out',
      stillClosing: ['engine'],
      notStarted: ['bus'],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { isSessionLive, sessionEndMs, sessionTimeoutsOf } from './session-timeouts.ts';

const timeouts = sessionTimeoutsOf({ sessionIdleMin: 10, sessionMaxH: 1 });
const MINUTE = 60_000;

describe('session timeouts', () => {
  it('end a session at its idle end, or at its absolute end when that comes first', () => {
    expect(timeouts).toEqual({ idleMs: 10 * MINUTE, maxMs: 60 * MINUTE });
    expect(sessionEndMs({ username: 'a', created_ms: 0, last_seen_ms: 0 }, timeouts)).toBe(10 * MINUTE);
    expect(sessionEndMs({ username: 'a', created_ms: 0, last_seen_ms: 55 * MINUTE }, timeouts)).toBe(
      60 * MINUTE,
    );
  });

  it('count a session live up to its end, exclusive', () => {
    const record = { username: 'a', created_ms: 0, last_seen_ms: 5 * MINUTE };
    expect(isSessionLive(record, 15 * MINUTE - 1, timeouts)).toBe(true);
    expect(isSessionLive(record, 15 * MINUTE, timeouts)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  loginSubjects,
  loginWindowOf,
  retryAfterS,
  shownUsername,
  throttledSubject,
} from './login-throttle.ts';

const at = (iso: string) => Date.parse(iso);

describe('the login window', () => {
  it('is the epoch minute, and a refusal lasts until it ends', () => {
    expect(loginWindowOf(at('2026-03-02T09:15:00.000Z'))).toBe(loginWindowOf(at('2026-03-02T09:15:59.999Z')));
    expect(loginWindowOf(at('2026-03-02T09:16:00.000Z'))).toBe(
      loginWindowOf(at('2026-03-02T09:15:00.000Z')) + 1,
    );
    expect(retryAfterS(at('2026-03-02T09:15:00.000Z'))).toBe(60);
    expect(retryAfterS(at('2026-03-02T09:15:37.200Z'))).toBe(23);
    expect(retryAfterS(at('2026-03-02T09:15:59.999Z'))).toBe(1);
  });
});

describe('throttledSubject', () => {
  const subjects = loginSubjects('al ice', '10.0.0.2');

  it('counts the username (encoded) and the address', () => {
    expect(subjects).toEqual(['user:al%20ice', 'addr:10.0.0.2']);
    expect(loginSubjects('alice', null)).toEqual(['user:alice']);
  });

  it('names the first subject with five failures, or none', () => {
    expect(throttledSubject(subjects, [4, 4])).toBeNull();
    expect(throttledSubject(loginSubjects('alice', '10.0.0.2'), [5, 0])).toBe('user alice');
    expect(throttledSubject(subjects, [5, 0])).toBe('user <invalid username>');
    expect(throttledSubject(subjects, [0, 7])).toBe('address 10.0.0.2');
  });
});

describe('shownUsername', () => {
  it('shows a typed name only when it is a username: never what may be a password', () => {
    expect(shownUsername('Alice')).toBe('alice');
    expect(shownUsername('correct horse battery!')).toBe('<invalid username>');
    expect(shownUsername('')).toBe('<invalid username>');
  });
});

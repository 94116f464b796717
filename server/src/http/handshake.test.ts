import { describe, expect, it } from 'vitest';
import { handshakeProblem } from './handshake.ts';

const valid = {
  upgrade: 'websocket',
  connection: 'Upgrade',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'sec-websocket-version': '13',
};

describe('handshakeProblem', () => {
  it('accepts an RFC 6455 handshake', () => {
    expect(handshakeProblem('GET', valid)).toBeNull();
    expect(handshakeProblem('GET', { ...valid, upgrade: 'WebSocket' })).toBeNull();
  });

  it('refuses a POST', () => {
    expect(handshakeProblem('POST', valid)).toMatch(/is a GET/);
  });

  it.each([
    ['another protocol', { ...valid, upgrade: 'h2c' }, /not h2c/],
    ['no key', { ...valid, 'sec-websocket-key': undefined }, /Sec-WebSocket-Key/],
    ['a short key', { ...valid, 'sec-websocket-key': 'c2hvcnQ=' }, /Sec-WebSocket-Key/],
    ['an old version', { ...valid, 'sec-websocket-version': '7' }, /Version must be 13/],
  ])('refuses %s', (_what, headers, problem) => {
    expect(handshakeProblem('GET', headers)).toMatch(problem);
  });
});

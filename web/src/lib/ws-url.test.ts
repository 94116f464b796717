import { describe, expect, it } from 'vitest';
import { retryDelayMs, wsUrlFrom } from './ws-url';

describe('wsUrlFrom', () => {
  it('uses ws on http pages and wss on https pages, same host', () => {
    expect(wsUrlFrom({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/trpc');
    expect(wsUrlFrom({ protocol: 'https:', host: 'desk.example' })).toBe('wss://desk.example/trpc');
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially up to 5 s', () => {
    expect([0, 1, 2, 10].map(retryDelayMs)).toEqual([250, 500, 1000, 5000]);
  });
});

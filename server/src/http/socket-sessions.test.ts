import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/authenticator.ts';
import { silentLogger } from '../lib/logger.ts';
import { SESSION_ENDED_CLOSE_CODE, SocketSessions } from './socket-sessions.ts';

/** A socket that records how it was closed. */
class FakeSocket extends EventEmitter {
  closedWith: number | null = null;
  close(code: number): void {
    this.closedWith = code;
  }
}

const auth = (username: string): AuthContext => ({ username, role: 'trader', sessionId: username });
const cookie = (session: string): IncomingHttpHeaders => ({ cookie: `gamma_session=${session}` });

/** Sessions whose lookups are counted; `valid` says which session ids still sign in. */
function sessionsWith(valid: Set<string>) {
  const lookups: string[] = [];
  const sessions = new SocketSessions({
    authenticator: {
      resolveAuth: (headers) => {
        const id = /gamma_session=(\S+)/.exec(String(headers.cookie))?.[1] ?? '';
        lookups.push(id);
        return Promise.resolve(valid.has(id) ? auth(id) : null);
      },
      onSessionEnded: () => () => undefined,
    },
    log: silentLogger,
    checkIntervalMs: 3_600_000,
  });
  return { sessions, lookups };
}

describe('SocketSessions.checkAll', () => {
  it('looks each credential up once however many sockets share it, and closes every socket of an ended one', async () => {
    const valid = new Set(['alice', 'bob']);
    const { sessions, lookups } = sessionsWith(valid);
    const alice = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    const bob = new FakeSocket();
    for (const ws of alice) sessions.watch(ws as unknown as WebSocket, auth('alice'), cookie('alice'));
    sessions.watch(bob as unknown as WebSocket, auth('bob'), cookie('bob'));
    await expect.poll(() => lookups.length).toBe(4);

    lookups.length = 0;
    valid.delete('alice');
    await sessions.checkAll();

    expect(lookups.sort()).toEqual(['alice', 'bob']);
    expect(alice.map((ws) => ws.closedWith)).toEqual(Array(3).fill(SESSION_ENDED_CLOSE_CODE));
    expect(bob.closedWith).toBeNull();
    sessions.close();
  });
});

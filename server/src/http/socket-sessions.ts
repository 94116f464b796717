import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import type { AuthContext, Authenticator, SessionEnded } from '../auth/authenticator.ts';
import { credentialOf } from '../auth/credentials.ts';
import type { Logger } from '../lib/logger.ts';

/** The close code of a socket whose session ended (an application code, 4401 for HTTP's 401): sign in again. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

interface Watched {
  auth: AuthContext;
  /** The upgrade request's headers: the credential to check again */
  headers: IncomingHttpHeaders;
}

/** Whether an ended session is the one a socket was opened with (no session id: every one of the user). */
const endsSocketOf = (ended: SessionEnded, auth: AuthContext): boolean =>
  auth.username === ended.username && (ended.sessionId === null || ended.sessionId === auth.sessionId);

/**
 * The credentials of the gateway's open WebSockets. A socket is admitted with a session cookie or a bearer token
 * of its upgrade, and closed with {@link SESSION_ENDED_CLOSE_CODE} as soon as that session ends in this process
 * (logout, a user disabled, a session found expired: the authenticator says so), and at the latest at the next
 * check of every open socket's credential, every `checkIntervalMs` (a session expiring unasked, a token revoked, a
 * session ended by another gateway process).
 */
export class SocketSessions {
  private readonly sockets = new Map<WebSocket, Watched>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly deps: {
      authenticator: Pick<Authenticator, 'resolveAuth' | 'onSessionEnded'>;
      log: Logger;
      checkIntervalMs: number;
    },
  ) {
    this.unsubscribe = deps.authenticator.onSessionEnded((ended) => this.handleSessionEnded(ended));
    this.timer = setInterval(() => void this.checkAll(), deps.checkIntervalMs);
    this.timer.unref();
  }

  /** Who the upgrade's credential signs in, or null (refuse the socket). Does not refresh the session. */
  admit(headers: IncomingHttpHeaders): Promise<AuthContext | null> {
    return this.deps.authenticator.resolveAuth(headers, { refresh: false });
  }

  /**
   * Watches an admitted socket until it closes; checks its credential once more at once, in case the session
   * ended while the upgrade was being completed.
   */
  watch(ws: WebSocket, auth: AuthContext, headers: IncomingHttpHeaders): void {
    const watched = { auth, headers };
    this.sockets.set(ws, watched);
    ws.once('close', () => this.sockets.delete(ws));
    void this.check(ws, watched);
  }

  /**
   * Checks every open socket's credential now (what the timer does), one lookup per credential: a console's
   * tabs and a script's many subscriptions share one session or token, and checking each socket apart made
   * every check a burst of identical lookups.
   */
  async checkAll(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const byCredential = new Map<string, [WebSocket, Watched][]>();
      for (const pair of this.sockets) {
        const key = JSON.stringify(credentialOf(pair[1].headers));
        byCredential.set(key, [...(byCredential.get(key) ?? []), pair]);
      }
      await Promise.all([...byCredential.values()].map((sockets) => this.checkShared(sockets)));
    } finally {
      this.checking = false;
    }
  }

  /** Stops watching (the server closes the sockets). */
  close(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    this.sockets.clear();
  }

  private handleSessionEnded(ended: SessionEnded): void {
    for (const [ws, watched] of this.sockets)
      if (endsSocketOf(ended, watched.auth)) this.end(ws, watched.auth, ended.reason);
  }

  private check(ws: WebSocket, watched: Watched): Promise<void> {
    return this.checkShared([[ws, watched]]);
  }

  /** Checks the one credential of `sockets` and ends every one of them it no longer signs in. */
  private async checkShared(sockets: [WebSocket, Watched][]): Promise<void> {
    const [first] = sockets;
    if (first === undefined) return;
    try {
      const auth = await this.deps.authenticator.resolveAuth(first[1].headers, { refresh: false });
      if (auth !== null) return;
      for (const [ws, watched] of sockets) if (this.sockets.has(ws)) this.end(ws, watched.auth, 'ended');
    } catch (error) {
      // Redis or the account store unreachable: keep the socket, the next check decides
      this.deps.log.warn('WebSocket session check failed', { error: String(error) });
    }
  }

  private end(ws: WebSocket, auth: AuthContext, reason: string): void {
    this.sockets.delete(ws);
    this.deps.log.info('WebSocket closed: session ended', { username: auth.username, reason });
    ws.close(SESSION_ENDED_CLOSE_CODE, `session ended (${reason}): sign in again`);
  }
}

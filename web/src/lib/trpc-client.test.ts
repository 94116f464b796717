import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleClients } from './trpc-client';

/** Records every socket the client opens; none ever connects. */
class RecordingWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: string[] = [];
  readyState = RecordingWebSocket.CONNECTING;
  constructor(url: string) {
    RecordingWebSocket.opened.push(url);
  }
  addEventListener(): void {}
  removeEventListener(): void {}
  send(): void {}
  close(): void {
    this.readyState = RecordingWebSocket.CLOSED;
  }
}

describe('createConsoleClients', () => {
  beforeEach(() => {
    RecordingWebSocket.opened = [];
    vi.stubGlobal('WebSocket', RecordingWebSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  const subscribe = (clients: ReturnType<typeof createConsoleClients>) =>
    clients.trpcClient.onDecision.subscribe({ fromLatest: true }, { onData: () => undefined });

  it('opens no socket before a subscription asks for one', async () => {
    const clients = createConsoleClients({ onSocketClosed: () => undefined });
    await Promise.resolve();
    expect(RecordingWebSocket.opened).toEqual([]);

    const subscription = subscribe(clients);
    await vi.waitFor(() => expect(RecordingWebSocket.opened).toHaveLength(1));
    subscription.unsubscribe();
    clients.socket.close();
  });

  describe('when the session socket is closed (logout, session ended)', () => {
    it('opens a new socket for the next subscription, and only then', async () => {
      const clients = createConsoleClients({ onSocketClosed: () => undefined });
      subscribe(clients).unsubscribe();
      await vi.waitFor(() => expect(RecordingWebSocket.opened).toHaveLength(1));

      clients.socket.close();
      expect(RecordingWebSocket.opened).toHaveLength(1);
      subscribe(clients);
      await vi.waitFor(() => expect(RecordingWebSocket.opened).toHaveLength(2));
      clients.socket.close();
    });
  });
});

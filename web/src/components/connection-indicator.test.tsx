import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '@/stores/connection-store';
import { ConnectionIndicator } from './connection-indicator';

describe('ConnectionIndicator', () => {
  afterEach(cleanup);

  it('says connected while the socket is open', () => {
    useConnectionStore.setState({ status: 'connected', failures: 0, lostAt: null });
    render(<ConnectionIndicator />);
    expect(screen.getByRole('status', { name: 'Connection' }).textContent).toBe('connected');
  });

  describe('when the socket was lost', () => {
    it('says it is reconnecting and for how long the cards have not been live', () => {
      useConnectionStore.setState({ status: 'reconnecting', failures: 2, lostAt: Date.now() - 12_500 });
      render(<ConnectionIndicator />);
      const status = screen.getByRole('status', { name: 'Connection' });
      expect(status.textContent).toMatch(/^reconnecting… 1[23]s$/);
      expect(status.className).toContain('connection-reconnecting');
    });
  });
});

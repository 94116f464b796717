import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTrpcProviders } from '@/testing/fake-trpc';
import { ServicesPanel } from './services-panel';

const row = (pid: number, status: string, retired: boolean) => ({
  service: 'engine',
  instance: `engine@desk-1:${pid}`,
  host: 'desk-1',
  pid,
  status,
  started_at: '2026-03-02T09:00:00.000Z',
  last_beat: '2026-03-02T09:14:59.000Z',
  last_activity: null,
  stopped_at: status === 'down' ? '2026-03-02T09:14:59.000Z' : null,
  retired,
});

function renderPanel(services: unknown[]) {
  render(
    <FakeTrpcProviders server={() => ({ interval_ms: 5000, services })}>
      <ServicesPanel />
    </FakeTrpcProviders>,
  );
}

describe('ServicesPanel', () => {
  afterEach(cleanup);

  describe('when a process of the past is retired', () => {
    it('lists it in a closed Stopped processes group, not with the current ones', async () => {
      renderPanel([row(2, 'up', false), row(1, 'down', true)]);
      const current = await screen.findByRole('region', { name: 'Service health' });
      expect(within(current).getAllByRole('row', { name: /^engine / })).toHaveLength(1);
      const group = screen.getByText('Stopped processes (1)').closest('details');
      expect(group?.open).toBe(false);
      fireEvent.click(screen.getByText('Stopped processes (1)'));
      const stopped = screen.getByRole('region', { name: 'Stopped processes' });
      expect(within(stopped).getByRole('row', { name: 'engine down' }).textContent).toContain('desk-1:1');
    });
  });

  describe('when a service has nothing running', () => {
    it('keeps its last process with the current ones, down, and shows no group', async () => {
      renderPanel([row(1, 'down', false)]);
      const current = await screen.findByRole('region', { name: 'Service health' });
      expect(within(current).getByRole('row', { name: 'engine down' })).toBeTruthy();
      expect(screen.queryByText(/Stopped processes/)).toBeNull();
    });
  });
});

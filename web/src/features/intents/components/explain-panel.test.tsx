import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplainPanel } from './explain-panel';

const explain = { data: undefined as unknown, isPending: false, isError: false, error: null };
vi.mock('../api/use-explain-intent', () => ({ useExplainIntent: () => explain }));

const node = (stream: string, entryId: string, message: Record<string, unknown>) => ({
  stream,
  entry_id: entryId,
  timestamp: '2026-03-02T09:15:04.120Z',
  message,
});

describe('ExplainPanel', () => {
  afterEach(cleanup);

  describe('when a straddle went through approval to two fills', () => {
    it('shows each hop with its latency, the slowest marked, and the total', () => {
      explain.data = {
        nodes: [
          node('strategy.intent', '1000-0', { action: 'buy_straddle', quantity: 0.1, symbol: 'BTC/USDT' }),
        ],
        hops: [
          { from: 'intent', to: 'decision:pending_approval', ms: 6 },
          { from: 'decision:pending_approval', to: 'approval', ms: 12_494 },
          { from: 'approval', to: 'decision:approved', ms: 10 },
          { from: 'decision:approved', to: 'command', ms: 1 },
          { from: 'command', to: 'order:i-1-0', ms: 179 },
          { from: 'command', to: 'order:i-1-1', ms: 180 },
          { from: 'order:i-1-1', to: 'fill:i-1-1', ms: 12 },
          { from: 'order:i-1-0', to: 'fill:i-1-0', ms: 15 },
        ],
      };
      render(<ExplainPanel intentId="i-1" onClose={() => undefined} />);
      const hops = within(screen.getByRole('list', { name: 'hops' })).getAllByRole('listitem');
      expect(hops.map((h) => h.getAttribute('aria-label'))).toEqual([
        'hop intent to pending approval',
        'hop pending approval to approval',
        'hop approval to approved',
        'hop approved to execution command',
        'hop execution command to order leg 0',
        'hop execution command to order leg 1',
        'hop order leg 1 to fill leg 1',
        'hop order leg 0 to fill leg 0',
      ]);
      expect(hops.map((h) => within(h).getByLabelText('latency').textContent)).toEqual([
        '6 ms',
        '12.49 s',
        '10 ms',
        '1 ms',
        '179 ms',
        '180 ms',
        '12 ms',
        '15 ms',
      ]);
      expect(hops[1]?.className).toContain('slowest');
      expect(hops.filter((h) => h.className.includes('slowest'))).toHaveLength(1);
      // 6 + 12494 + 10 + 1 + 179 + 15: the way to the last fill
      expect(screen.getByLabelText('total latency').textContent).toBe('12.71 s in all');
      expect(screen.getByText(/intent Buy straddle 0.1 BTC\/USDT/)).toBeTruthy();
    });
  });

  describe('when only the intent is recorded', () => {
    it('shows the chain without hops', () => {
      explain.data = { nodes: [node('strategy.intent', '1000-0', { action: 'buy' })], hops: [] };
      render(<ExplainPanel intentId="i-2" onClose={() => undefined} />);
      expect(screen.queryByRole('list', { name: 'hops' })).toBeNull();
      expect(screen.getAllByRole('listitem')).toHaveLength(1);
    });
  });
});

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '@/stores/session-store';
import { FakeTrpcProviders } from '@/testing/fake-trpc';
import { useApprovalQueue } from '../hooks/use-approval-queue';
import { ApprovalDetail } from './approval-detail';
import { ApprovalQueue } from './approval-queue';

const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

const approval = (intentId: string, expiresAt: string, more: Record<string, unknown> = {}) => ({
  intent: {
    intent_id: intentId,
    strategy_id: 'pq_vol_trader_btc',
    symbol: 'BTC/USDT',
    intent_type: 'increase_long_gamma',
    action: 'buy_straddle',
    direction: 'buy',
    quantity: 0.1,
    confidence: 0.7,
    reason: 'market_underpricing_volatility',
    timestamp: '2026-03-02T09:15:04.120Z',
    metadata: {
      what_if: {
        underlying: 'BTC/USDT',
        before: { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 },
        after: { delta: 0.0123, gamma: 0.00001, vega: 8.5, theta: -40, rho: 0.2 },
      },
    },
  },
  checks: [
    { check: 'gross_leverage', passed: true, reason_code: null, value: 0.3333, limit: 3 },
    { check: 'order_notional', passed: true, reason_code: null, value: 12_850.5, limit: 20_000 },
    { check: 'drawdown', passed: true, reason_code: null, value: 0, limit: 0.2 },
  ],
  expires_at: expiresAt,
  created_at: '2026-03-02T09:15:04.200Z',
  status: 'pending',
  four_eyes: null,
  ...more,
});

let pending: unknown[] = [];
let calls: [string, unknown][] = [];

/** The queue with its own selection and veto state, and the detail of the selected row, as the Desk has them. */
function Desk({ filter = '' }: { filter?: string }) {
  const queue = useApprovalQueue(filter);
  const [selected, setSelected] = useState<string | null>(null);
  const [vetoing, setVetoing] = useState<string | null>(null);
  const row = queue.rows.find((r) => r.id === selected);
  return (
    <>
      <ApprovalQueue
        queue={queue}
        selectedId={selected}
        vetoingId={vetoing}
        onSelect={setSelected}
        onVetoOpen={setVetoing}
        onVetoClose={() => setVetoing(null)}
      />
      {row && <ApprovalDetail row={row} nowMs={queue.nowMs} />}
    </>
  );
}

function renderDesk(filter = '') {
  calls = [];
  render(
    <FakeTrpcProviders
      server={(path, input) => {
        calls.push([path, input]);
        if (path === 'approvals.pending') return pending;
        if (path === 'intents.recent') return [];
        return { intent_id: 'x', command_id: 'c' };
      }}
    >
      <Desk filter={filter} />
    </FakeTrpcProviders>,
  );
}

const rowOf = (id: string) => screen.findByRole('row', { name: `approval ${id}` });
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('ApprovalQueue', () => {
  beforeEach(() => {
    pending = [approval('i-1', inMs(90_000))];
    useSessionStore.getState().signedIn({ username: 'alice', role: 'trader' });
  });
  afterEach(() => {
    cleanup();
    useSessionStore.setState(useSessionStore.getInitialState(), true);
  });

  it('shows one line per intent: what, notional, Δ and vega after, the closest check, the countdown', async () => {
    renderDesk();
    const row = await rowOf('i-1');
    expect(cells(row).slice(0, 8)).toEqual([
      'pq_vol_trader_btc',
      'Buy straddle',
      '0.1',
      'BTC/USDT',
      '$12,851',
      '+0.0123',
      '+8.50',
      'Order notional 64%',
    ]);
    expect(within(row).getByLabelText('expires in').textContent).toMatch(/^1:(2\d|30)$/);
  });

  it('approves with the intent id', async () => {
    renderDesk();
    fireEvent.click(within(await rowOf('i-1')).getByRole('button', { name: 'Approve' }));
    await expect
      .poll(() => calls.find(([path]) => path === 'approvals.approve')?.[1])
      .toEqual({
        intent_id: 'i-1',
      });
  });

  describe('when the trader vetoes', () => {
    it('needs a non-blank reason, sends it on Enter, and Escape cancels', async () => {
      renderDesk();
      fireEvent.click(within(await rowOf('i-1')).getByRole('button', { name: 'Veto' }));
      const reason = screen.getByRole('textbox', { name: 'Veto reason' });
      expect(document.activeElement).toBe(reason);
      const confirm = screen.getByRole('button', { name: 'Confirm veto' }) as HTMLButtonElement;
      fireEvent.change(reason, { target: { value: '   ' } });
      expect(confirm.disabled).toBe(true);
      fireEvent.submit(confirm.closest('form') as HTMLFormElement);
      expect(calls.some(([path]) => path === 'approvals.veto')).toBe(false);

      fireEvent.keyDown(reason, { key: 'Escape' });
      expect(screen.queryByRole('textbox', { name: 'Veto reason' })).toBeNull();

      fireEvent.click(within(await rowOf('i-1')).getByRole('button', { name: 'Veto' }));
      const again = screen.getByRole('textbox', { name: 'Veto reason' });
      fireEvent.change(again, { target: { value: ' spread too thin ' } });
      fireEvent.submit(again.closest('form') as HTMLFormElement);
      await expect
        .poll(() => calls.find(([path]) => path === 'approvals.veto')?.[1])
        .toEqual({
          intent_id: 'i-1',
          reason: 'spread too thin',
        });
    });
  });

  it('shows a failing check before any other, in red', async () => {
    const base = approval('i-5', inMs(90_000));
    pending = [
      {
        ...base,
        checks: [
          ...base.checks,
          { check: 'price_band', passed: false, reason_code: 'PRICE_BAND_EXCEEDED', value: 0.12, limit: 0.1 },
        ],
      },
    ];
    renderDesk();
    const check = within(await rowOf('i-5')).getByText('✗ Price band 120%');
    expect(check.closest('td')?.className).toContain('fail');
  });

  describe('when the approval has expired', () => {
    it('shows expired and offers Dismiss, not Approve or Veto', async () => {
      pending = [approval('i-2', inMs(-1000))];
      renderDesk();
      const row = await rowOf('i-2');
      expect(within(row).getByLabelText('expires in').textContent).toBe('expired');
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      fireEvent.click(within(row).getByRole('button', { name: 'Dismiss' }));
      await expect.poll(() => screen.queryByRole('row', { name: 'approval i-2' })).toBeNull();
    });
  });

  describe('when nothing is pending', () => {
    it('says so', async () => {
      pending = [];
      renderDesk();
      expect(await screen.findByText('no intents waiting for approval')).toBeTruthy();
    });
  });

  describe('when a filter is typed', () => {
    it('shows the matching rows and says how many it hides', async () => {
      pending = [
        approval('i-1', inMs(90_000)),
        approval('i-6', inMs(90_000), {
          intent: { ...approval('i-6', '').intent, symbol: 'ETH/USDT', strategy_id: 'pq_vol_trader_eth' },
        }),
      ];
      renderDesk('eth');
      expect(await rowOf('i-6')).toBeTruthy();
      expect(screen.queryByRole('row', { name: 'approval i-1' })).toBeNull();
      expect(screen.getByText('1 of 2 hidden by the filter')).toBeTruthy();
    });
  });

  describe('when a viewer is signed in', () => {
    it('shows the pending intent but no Approve or Veto', async () => {
      useSessionStore.getState().signedIn({ username: 'victor', role: 'viewer' });
      renderDesk();
      const row = await rowOf('i-1');
      expect(within(row).getByText('Buy straddle')).toBeTruthy();
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(within(row).queryByRole('button', { name: 'Veto' })).toBeNull();
    });
  });

  describe('when a row is selected', () => {
    it('shows every check with its value against its limit, nearest first, and the what-if', async () => {
      renderDesk();
      fireEvent.click(await rowOf('i-1'));
      const detail = screen.getByRole('region', { name: 'detail i-1' });
      const checks = within(within(detail).getByRole('table', { name: 'risk checks' })).getAllByRole('row');
      expect(checks.slice(1).map((r) => cells(r))).toEqual([
        ['Order notional', '12,851', '20,000', '64%', 'pass'],
        ['Gross leverage', '0.3333', '3', '11%', 'pass'],
        ['Drawdown', '0', '0.2', '0%', 'pass'],
      ]);
      expect(within(detail).getByLabelText('greeks what-if').textContent).toContain('Δ 0.0000 → +0.0123');
    });
  });

  describe('when the intent needs four eyes', () => {
    const fourEyes = (firstApprovedBy: string | null) =>
      approval('i-4', inMs(90_000), {
        status: firstApprovedBy === null ? 'pending' : 'awaiting_second',
        four_eyes: {
          rule: 'action',
          detail: 'sell_straddle needs two traders',
          first_approved_by: firstApprovedBy,
        },
      });

    it('marks the row and shows the rule in the detail', async () => {
      pending = [fourEyes(null)];
      renderDesk();
      const row = await rowOf('i-4');
      expect(within(row).getByText('4-eyes')).toBeTruthy();
      fireEvent.click(row);
      const line = within(screen.getByRole('region', { name: 'detail i-4' })).getByLabelText('four-eyes');
      expect(line.textContent).toContain('sell_straddle needs two traders');
      expect(line.textContent).not.toContain('awaiting');
    });

    it('after the first approval, says who approved and lets another trader approve', async () => {
      pending = [fourEyes('bob')];
      renderDesk();
      const row = await rowOf('i-4');
      expect(within(row).getByText('4-eyes 1/2')).toBeTruthy();
      fireEvent.click(row);
      expect(screen.getByText('Approved by bob, awaiting a second trader')).toBeTruthy();
      expect(within(row).getByRole('button', { name: 'Approve' })).toBeTruthy();
    });

    it('replaces Approve by a note for the first approver, who may still veto', async () => {
      pending = [fourEyes('alice')];
      renderDesk();
      const row = await rowOf('i-4');
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(within(row).getByRole('button', { name: 'Veto' })).toBeTruthy();
      fireEvent.click(row);
      expect(screen.getByText(/You approved first; a different trader must approve/)).toBeTruthy();
    });
  });
});

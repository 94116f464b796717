import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session-store';
import { PendingApprovalsCard } from './pending-approvals-card';

const approveMutate = vi.fn();
const vetoMutate = vi.fn();
const pending = { data: [] as unknown[], isPending: false };

vi.mock('../api/use-pending-approvals', () => ({ usePendingApprovals: () => pending }));
vi.mock('../api/use-decide-approval', () => ({
  useDecideApproval: () => ({
    approve: { mutate: approveMutate, isPending: false, variables: undefined },
    veto: { mutate: vetoMutate, isPending: false, variables: undefined },
  }),
}));

const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

const approval = (intentId: string, expiresAt: string) => ({
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
    metadata: {},
  },
  checks: [
    { check: 'gross_leverage', passed: true, reason_code: null, value: 0.3333, limit: 3 },
    { check: 'drawdown', passed: true, reason_code: null, value: 0, limit: 0.2 },
  ],
  expires_at: expiresAt,
  created_at: '2026-03-02T09:15:04.200Z',
  status: 'pending',
  four_eyes: null,
});

describe('PendingApprovalsCard', () => {
  beforeEach(() => {
    approveMutate.mockReset();
    vetoMutate.mockReset();
    pending.data = [approval('i-1', inMs(90_000))];
    useSessionStore.getState().signedIn({ username: 'alice', role: 'trader' });
  });
  afterEach(cleanup);

  it('shows the intent, its verdicts and a countdown', () => {
    render(<PendingApprovalsCard />);
    const row = screen.getByRole('listitem', { name: 'approval i-1' });
    expect(within(row).getByText('pq_vol_trader_btc')).toBeTruthy();
    expect(within(row).getByText('Buy straddle')).toBeTruthy();
    expect(within(row).getByText('Market underpricing volatility')).toBeTruthy();
    expect(within(row).getByText('Gross leverage')).toBeTruthy();
    expect(within(row).getByLabelText('expires in').textContent).toMatch(/^1:(2\d|30)$/);
  });

  describe('when the engine attached a Greeks what-if', () => {
    it('shows Δ and vega before → after', () => {
      const base = approval('i-3', inMs(90_000));
      const whatIf = {
        underlying: 'BTC/USDT',
        before: { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 },
        after: { delta: 0.0123, gamma: 0.00001, vega: 8.5, theta: -40, rho: 0.2 },
      };
      pending.data = [{ ...base, intent: { ...base.intent, metadata: { what_if: whatIf } } }];
      render(<PendingApprovalsCard />);
      const line = within(screen.getByRole('listitem', { name: 'approval i-3' })).getByLabelText(
        'greeks what-if',
      );
      expect(line.textContent).toContain('Δ 0.0000 → +0.0123');
      expect(line.textContent).toContain('vega 0.00 → +8.50');
    });
    it('shows no what-if line for an intent without one', () => {
      render(<PendingApprovalsCard />);
      expect(screen.queryByLabelText('greeks what-if')).toBeNull();
    });
  });

  it('approves with the intent id', () => {
    render(<PendingApprovalsCard />);
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(approveMutate).toHaveBeenCalledWith({ intent_id: 'i-1' });
  });

  describe('when the trader vetoes', () => {
    it('needs a non-blank reason before Confirm veto is enabled', () => {
      render(<PendingApprovalsCard />);
      fireEvent.click(screen.getByRole('button', { name: 'Veto' }));
      const confirm = screen.getByRole('button', { name: 'Confirm veto' }) as HTMLButtonElement;
      const reason = screen.getByRole('textbox', { name: 'Veto reason' });
      expect(confirm.disabled).toBe(true);

      fireEvent.change(reason, { target: { value: '   ' } });
      expect(confirm.disabled).toBe(true);
      fireEvent.submit(confirm.closest('form') as HTMLFormElement);
      expect(vetoMutate).not.toHaveBeenCalled();

      fireEvent.change(reason, { target: { value: ' spread too thin ' } });
      expect(confirm.disabled).toBe(false);
      fireEvent.click(confirm);
      expect(vetoMutate).toHaveBeenCalledWith({ intent_id: 'i-1', reason: 'spread too thin' });
    });
  });

  describe('when the approval has expired', () => {
    it('shows expired and offers no Approve or Veto', () => {
      pending.data = [approval('i-2', inMs(-1000))];
      render(<PendingApprovalsCard />);
      const row = screen.getByRole('listitem', { name: 'approval i-2' });
      expect(within(row).getByLabelText('expires in').textContent).toBe('expired');
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(within(row).queryByRole('button', { name: 'Veto' })).toBeNull();
    });
  });

  describe('when nothing is pending', () => {
    it('says so', () => {
      pending.data = [];
      render(<PendingApprovalsCard />);
      expect(screen.getByText('no intents waiting for approval')).toBeTruthy();
    });
  });

  describe('when a viewer is signed in', () => {
    it('shows the pending intent but no Approve or Veto', () => {
      useSessionStore.getState().signedIn({ username: 'victor', role: 'viewer' });
      render(<PendingApprovalsCard />);
      const row = screen.getByRole('listitem', { name: 'approval i-1' });
      expect(within(row).getByText('Buy straddle')).toBeTruthy();
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(within(row).queryByRole('button', { name: 'Veto' })).toBeNull();
    });
  });

  describe('when the intent needs four eyes', () => {
    const fourEyes = (firstApprovedBy: string | null) => ({
      ...approval('i-4', inMs(90_000)),
      status: firstApprovedBy === null ? 'pending' : 'awaiting_second',
      four_eyes: {
        rule: 'action',
        detail: 'sell_straddle needs two traders',
        first_approved_by: firstApprovedBy,
      },
    });

    it('shows the Four-eyes badge with the rule', () => {
      pending.data = [fourEyes(null)];
      render(<PendingApprovalsCard />);
      const line = within(screen.getByRole('listitem', { name: 'approval i-4' })).getByLabelText('four-eyes');
      expect(line.textContent).toContain('Four-eyes');
      expect(line.textContent).toContain('sell_straddle needs two traders');
      expect(line.textContent).not.toContain('awaiting');
    });

    it('after the first approval, says who approved and lets another trader approve', () => {
      pending.data = [fourEyes('bob')];
      render(<PendingApprovalsCard />);
      const row = screen.getByRole('listitem', { name: 'approval i-4' });
      expect(within(row).getByText('Approved by bob, awaiting a second trader')).toBeTruthy();
      fireEvent.click(within(row).getByRole('button', { name: 'Approve' }));
      expect(approveMutate).toHaveBeenCalledWith({ intent_id: 'i-4' });
    });

    it('replaces Approve by a note for the first approver, who may still veto', () => {
      pending.data = [fourEyes('alice')];
      render(<PendingApprovalsCard />);
      const row = screen.getByRole('listitem', { name: 'approval i-4' });
      expect(within(row).getByText('Approved by alice, awaiting a second trader')).toBeTruthy();
      expect(within(row).queryByRole('button', { name: 'Approve' })).toBeNull();
      expect(within(row).getByText(/a different trader must approve/)).toBeTruthy();
      expect(within(row).getByRole('button', { name: 'Veto' })).toBeTruthy();
    });
  });
});

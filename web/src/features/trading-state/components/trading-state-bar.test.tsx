import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session-store';
import { useTradingStateStore } from '../stores/trading-state-store';
import { TradingStateBar } from './trading-state-bar';

const mutate = vi.fn();
const snapshot = {
  data: {
    global: {
      scope: 'global',
      key: null,
      state: 'REDUCING',
      reason: 'careful today',
      changed_by: 'alice',
      since: '2026-12-05T17:00:00.000Z',
    },
    scopes: [
      {
        scope: 'underlying',
        key: 'ETH',
        state: 'HALTED',
        reason: 'venue down',
        changed_by: 'kill_switch',
        since: '2026-12-05T17:01:00.000Z',
      },
    ],
  },
};

vi.mock('../api/use-trading-states', () => ({
  useTradingStates: () => snapshot,
  useSetTradingState: () => ({ mutate, isPending: false }),
  useDeskCoins: () => ['BTC', 'ETH'],
}));

describe('TradingStateBar', () => {
  beforeEach(() => {
    mutate.mockReset();
    useTradingStateStore.setState({ byField: {}, cursors: {} });
    useSessionStore.getState().signedIn({ username: 'rita', role: 'risk_manager' });
  });
  afterEach(cleanup);

  it('shows each scope in force with who, why and since when', () => {
    render(<TradingStateBar />);
    const global = screen.getByRole('listitem', { name: 'trading state Global' });
    expect(within(global).getByText('REDUCING')).toBeTruthy();
    expect(within(global).getByText('by alice')).toBeTruthy();
    expect(within(global).getByText('careful today')).toBeTruthy();
    expect(within(global).getByText(/^since 17:00:00 UTC/)).toBeTruthy();
    const eth = screen.getByRole('listitem', { name: 'trading state Underlying ETH' });
    expect(within(eth).getByText('HALTED')).toBeTruthy();
    expect(within(eth).getByText('by kill_switch')).toBeTruthy();
  });

  it('halts only with a reason and after the confirm step', () => {
    render(<TradingStateBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Halt' }));
    const form = screen.getByRole('form', { name: 'Halt form' });
    const submit = within(form).getByRole('button', { name: 'Halt trading' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: '  exchange incident ' } });
    fireEvent.click(submit);
    expect(mutate).not.toHaveBeenCalled();
    const confirm = screen.getByRole('form', { name: 'Confirm halt' });
    expect(confirm.textContent).toMatch(/Halt Global\?/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm halt' }));
    expect(mutate).toHaveBeenCalledWith(
      { scope: 'global', state: 'HALTED', reason: 'exchange incident' },
      expect.anything(),
    );
  });

  it('resumes one underlying without a confirm step', () => {
    render(<TradingStateBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    const form = screen.getByRole('form', { name: 'Resume form' });
    fireEvent.change(within(form).getByLabelText('Scope'), { target: { value: 'underlying' } });
    fireEvent.change(within(form).getByLabelText('Underlying'), { target: { value: 'ETH' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'venue back' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Resume trading' }));
    expect(mutate).toHaveBeenCalledWith(
      { scope: 'underlying', key: 'ETH', state: 'ACTIVE', reason: 'venue back' },
      expect.anything(),
    );
  });

  describe('when the signed-in role is below risk_manager', () => {
    it('shows the states in force but no Halt, Reduce or Resume', () => {
      useSessionStore.getState().signedIn({ username: 'tom', role: 'trader' });
      render(<TradingStateBar />);
      expect(screen.getByRole('listitem', { name: 'trading state Global' })).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Halt' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    });
  });
});

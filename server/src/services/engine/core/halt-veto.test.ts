import { createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { commandOutcome } from './approval-machine.ts';
import { haltedScopeOf, haltVeto, haltVetoOf, leftToRecheck, type ScopeState } from './halt-veto.ts';

const state = (over: Partial<ScopeState>): ScopeState => ({
  scope: 'global',
  key: null,
  state: 'HALTED',
  reason: 'incident',
  changed_by: 'alice',
  since: '2026-12-05T17:00:00.000Z',
  ...over,
});

describe('haltedScopeOf', () => {
  const btc = createStrategyIntent({ strategy_id: 'pq_vol_trader_btc', symbol: 'BTC/USDT' });
  const perp = createStrategyIntent({ strategy_id: 'grid_btc', symbol: 'BTC/USDT:USDT' });
  const option = createStrategyIntent({ strategy_id: 'x', symbol: 'ETH-20261225-3000-C' });

  it('finds the halted scope an intent falls under: global first, then strategy, then underlying', () => {
    const states = [
      state({ scope: 'underlying', key: 'BTC' }),
      state({ scope: 'strategy', key: 'pq_vol_trader_btc' }),
    ];
    expect(haltedScopeOf(states, btc)?.scope).toBe('strategy');
    expect(haltedScopeOf(states, perp)?.key).toBe('BTC');
    expect(haltedScopeOf(states, option)).toBeNull();
    expect(haltedScopeOf([...states, state({})], btc)?.scope).toBe('global');
    expect(haltedScopeOf([state({ scope: 'underlying', key: 'ETH' })], option)?.key).toBe('ETH');
  });

  it('ignores scopes that are not HALTED', () => {
    expect(
      haltedScopeOf(
        [state({ state: 'REDUCING' }), state({ scope: 'strategy', key: 'x', state: 'ACTIVE' })],
        option,
      ),
    ).toBeNull();
  });
});

describe('leftToRecheck', () => {
  it('leaves the DeltaHedger intents (possibly protective) to the re-check at approval', () => {
    expect(leftToRecheck({ action: 'delta_hedge', metadata: { strategy_type: 'delta_hedger' } })).toBe(true);
    expect(leftToRecheck({ action: 'delta_hedge', metadata: {} })).toBe(false);
    expect(leftToRecheck({ action: 'sell', metadata: { strategy_type: 'delta_hedger' } })).toBe(false);
  });
});

describe('the halt veto command', () => {
  const intent = createStrategyIntent({ intent_id: 'i-1' });
  const record = {
    intent,
    status: 'claimed' as const,
    expires_at: '2026-03-02T09:17:04.120Z',
    approval_mode: 'manual' as const,
    command_id: 'c-1',
  };
  const command = (metadata: Record<string, unknown>) => ({
    command_id: 'c-1',
    intent_id: 'i-1',
    command: 'veto' as const,
    requested_by: 'risk_service',
    reason: 'trading halted',
    timestamp: '2026-03-02T09:15:04.120Z',
    metadata,
  });

  it('becomes a vetoed decision with TRADING_HALTED, the failing trading_state check and the scope', () => {
    const veto = haltVeto(state({ scope: 'strategy', key: 's1' }));
    expect(veto.reason).toBe('trading halted (strategy s1, by alice: incident)');
    const outcome = commandOutcome(record, command({ ...veto.metadata }), Date.parse(record.expires_at) - 1);
    expect(outcome).toMatchObject({
      kind: 'veto',
      decision: {
        status: 'vetoed',
        decidedBy: 'risk_service',
        reasonCodes: ['TRADING_HALTED'],
        checks: [{ check: 'trading_state', passed: false, reason_code: 'TRADING_HALTED' }],
        metadata: { trading_state: { scope: 'strategy', key: 's1', changed_by: 'alice' } },
      },
    });
  });

  it('leaves a trader veto a MANUAL_VETO', () => {
    expect(haltVetoOf(command({}))).toBeNull();
    const outcome = commandOutcome(record, command({}), Date.parse(record.expires_at) - 1);
    expect(outcome).toMatchObject({ kind: 'veto', decision: { reasonCodes: ['MANUAL_VETO'] } });
  });
});

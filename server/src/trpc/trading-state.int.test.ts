import type { TradingStateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer } from '../testing/start-test-server.ts';

describe('trading state procedures', () => {
  it('reads ACTIVE before any change, then each scope set, and streams every change', async () => {
    const clock = new FakeClock();
    await using server = await startTestServer({ clock });
    const seen: TradingStateEvent[] = [];
    server.client.onTradingState.subscribe({ fromLatest: true }, { onData: ({ data }) => seen.push(data) });
    expect(await server.client.risk.tradingState.query()).toEqual({
      global: {
        scope: 'global',
        key: null,
        state: 'ACTIVE',
        previous: null,
        reason: null,
        changed_by: null,
        since: null,
      },
      scopes: [],
    });

    server.setUser('alice');
    const halted = await server.client.risk.setTradingState.mutate({
      scope: 'global',
      state: 'HALTED',
      reason: '  exchange incident  ',
    });
    server.setUser(undefined);
    await server.client.risk.setTradingState.mutate({
      scope: 'underlying',
      key: 'eth',
      state: 'REDUCING',
      reason: 'ETH unwind',
    });
    await server.client.risk.setTradingState.mutate({
      scope: 'strategy',
      key: 'pq_vol_trader_btc',
      state: 'REDUCING',
      reason: 'model review',
    });

    expect(halted).toEqual({ changed: true, scope: 'global', key: null, state: 'HALTED' });
    const view = await server.client.risk.tradingState.query();
    expect(view.global).toEqual({
      scope: 'global',
      key: null,
      state: 'HALTED',
      previous: 'ACTIVE',
      reason: 'exchange incident',
      changed_by: 'alice',
      since: iso(clock.now()),
    });
    expect(view.scopes.map((s) => [s.scope, s.key, s.state, s.changed_by])).toEqual([
      ['strategy', 'pq_vol_trader_btc', 'REDUCING', 'trader'],
      ['underlying', 'ETH', 'REDUCING', 'trader'],
    ]);
    await expect
      .poll(() => seen.map((e) => [e.scope, e.key, e.state, e.previous, e.changed_by]))
      .toEqual([
        ['global', null, 'HALTED', 'ACTIVE', 'alice'],
        ['underlying', 'ETH', 'REDUCING', 'ACTIVE', 'trader'],
        ['strategy', 'pq_vol_trader_btc', 'REDUCING', 'ACTIVE', 'trader'],
      ]);

    // Its setter setting the state a scope is in changes nothing and publishes nothing
    server.setUser('alice');
    expect(
      await server.client.risk.setTradingState.mutate({ scope: 'global', state: 'HALTED', reason: 'again' }),
    ).toEqual({ changed: false, scope: 'global', key: null, state: 'HALTED' });
    server.setUser(undefined);
    const resumed = await server.client.risk.setTradingState.mutate({
      scope: 'global',
      state: 'ACTIVE',
      reason: 'incident over',
    });
    expect(resumed.state).toBe('ACTIVE');
    await expect.poll(() => seen.map((e) => e.state)).toEqual(['HALTED', 'REDUCING', 'REDUCING', 'ACTIVE']);
  });

  it.each([
    ['a non-global scope without key', { scope: 'strategy', state: 'HALTED', reason: 'r' }, 'key'],
    ['a global scope with a key', { scope: 'global', key: 'BTC', state: 'HALTED', reason: 'r' }, 'key'],
    ['a blank reason', { scope: 'global', state: 'HALTED', reason: '   ' }, 'reason'],
    ['no reason', { scope: 'global', state: 'HALTED' }, 'reason'],
    ['an unknown state', { scope: 'global', state: 'PAUSED', reason: 'r' }, 'state'],
  ])('refuses %s with BAD_REQUEST naming the field, changing nothing', async (_label, input, field) => {
    await using server = await startTestServer();

    const set = server.client.risk.setTradingState.mutate(input as never);

    await expect(set).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', zodError: { fieldErrors: { [field]: expect.any(Array) } } },
    });
    expect((await server.client.risk.tradingState.query()).global.state).toBe('ACTIVE');
  });

  it('refuses an underlying the desk does not trade with BAD_REQUEST naming the known ones', async () => {
    await using server = await startTestServer();

    const set = server.client.risk.setTradingState.mutate({
      scope: 'underlying',
      key: 'DOGE',
      state: 'HALTED',
      reason: 'r',
    });

    await expect(set).rejects.toMatchObject({
      message: 'unknown underlying DOGE: the desk trades BTC, ETH',
      data: { code: 'BAD_REQUEST' },
    });
    expect((await server.client.risk.tradingState.query()).scopes).toEqual([]);
  });
});

import type { TradingStateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer } from '../testing/start-test-server.ts';

describe('trading state procedures', () => {
  it('reads ACTIVE before any change, then each scope set, and streams every change', async () => {
    const clock = new FakeClock();
    await using server = await startTestServer({ clock, user: 'admin' });
    const seen: TradingStateEvent[] = [];
    // A viewer watches on a socket of its own, undisturbed by the signing in and out below
    const watcher = await server.createClient({ user: 'viewer' });
    watcher.client.onTradingState.subscribe({ fromLatest: true }, { onData: ({ data }) => seen.push(data) });
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

    await server.signIn('risk');
    const halted = await server.client.risk.setTradingState.mutate({
      scope: 'global',
      state: 'HALTED',
      reason: '  exchange incident  ',
    });
    await server.signIn('admin');
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
      changed_by: 'risk',
      since: iso(clock.now()),
    });
    expect(view.scopes.map((s) => [s.scope, s.key, s.state, s.changed_by])).toEqual([
      ['strategy', 'pq_vol_trader_btc', 'REDUCING', 'admin'],
      ['underlying', 'ETH', 'REDUCING', 'admin'],
    ]);
    await expect
      .poll(() => seen.map((e) => [e.scope, e.key, e.state, e.previous, e.changed_by]))
      .toEqual([
        ['global', null, 'HALTED', 'ACTIVE', 'risk'],
        ['underlying', 'ETH', 'REDUCING', 'ACTIVE', 'admin'],
        ['strategy', 'pq_vol_trader_btc', 'REDUCING', 'ACTIVE', 'admin'],
      ]);

    // Its setter setting the state a scope is in changes nothing and publishes nothing
    await server.signIn('risk');
    expect(
      await server.client.risk.setTradingState.mutate({ scope: 'global', state: 'HALTED', reason: 'again' }),
    ).toEqual({ changed: false, scope: 'global', key: null, state: 'HALTED' });
    await server.signIn('admin');
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
    await using server = await startTestServer({ user: 'risk' });

    const set = server.client.risk.setTradingState.mutate(input as never);

    await expect(set).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', zodError: { fieldErrors: { [field]: expect.any(Array) } } },
    });
    expect((await server.client.risk.tradingState.query()).global.state).toBe('ACTIVE');
  });

  it('refuses an underlying the desk does not trade with BAD_REQUEST naming the known ones', async () => {
    await using server = await startTestServer({ user: 'risk' });

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

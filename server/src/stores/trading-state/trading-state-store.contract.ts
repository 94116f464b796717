import type { TradingState, TradingStateEvent } from '@gamma/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InfrastructureError } from '../../errors/index.ts';
import type { OnceMarks } from '../once/once-marks.ts';
import type { TradingStateChange, TradingStateStore } from './trading-state-store.ts';

/** A trading-state store prepared for the contract suite. */
export interface TradingStateStoreUnderTest {
  /** A store on the storage under test, as a (fresh) process opens it, appending through `once` */
  open(once?: OnceMarks): TradingStateStore;
  /** The real once marks of the storage */
  once: OnceMarks;
  /** Every event on `risk.trading_state`, oldest first */
  events(): Promise<TradingStateEvent[]>;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

const T = '2026-12-05T17:00:00.000Z';

const change = (over: Partial<TradingStateChange> = {}): TradingStateChange => ({
  scope: 'global',
  key: null,
  state: 'HALTED',
  reason: 'desk review',
  changedBy: 'alice',
  at: T,
  ...over,
});

/** Once marks whose `append` dies before (`before`) or after (`after`) doing its step, once. */
function crashingOnce(once: OnceMarks, when: 'before' | 'after'): OnceMarks {
  let crashed = false;
  return {
    ...once,
    async append(effect) {
      if (crashed) return once.append(effect);
      crashed = true;
      if (when === 'before') throw new InfrastructureError('killed before the append');
      await once.append(effect);
      throw new InfrastructureError('killed after the append');
    },
  };
}

/**
 * What every `TradingStateStore` shares: missing is ACTIVE; each change is stored with who, why, since
 * and the state before, and its event appended once, in change order, even when the process dies between
 * the state write and the append; a set to the current state by its own setter, or declined by `when`,
 * writes nothing, while another setter of the same state takes it over (the policy never lifts a state
 * a person confirmed).
 */
export function describeTradingStateStoreContract(
  name: string,
  make: () => Promise<TradingStateStoreUnderTest>,
): void {
  describe(`${name} (trading state store contract)`, () => {
    let harness: TradingStateStoreUnderTest;
    let store: TradingStateStore;

    beforeEach(async () => {
      harness = await make();
      store = harness.open();
    });
    afterEach(() => harness.dispose());

    it('holds nothing at first (every scope ACTIVE), then each scope as set, with its event', async () => {
      expect(await store.list()).toEqual([]);
      const halted = await store.set(change());
      expect(halted).toEqual({
        changed: true,
        event: {
          scope: 'global',
          key: null,
          state: 'HALTED',
          previous: 'ACTIVE',
          reason: 'desk review',
          changed_by: 'alice',
          timestamp: T,
          metadata: {},
        },
      });
      await store.set(change({ scope: 'strategy', key: 'pq_vol_trader_btc', state: 'REDUCING' }));
      await store.set(change({ scope: 'underlying', key: 'ETH', state: 'REDUCING', changedBy: 'bob' }));
      const record = { reason: 'desk review', since: T, previous: 'ACTIVE' };
      expect(await store.list()).toEqual([
        { scope: 'global', key: null, state: 'HALTED', changed_by: 'alice', ...record },
        { scope: 'strategy', key: 'pq_vol_trader_btc', state: 'REDUCING', changed_by: 'alice', ...record },
        { scope: 'underlying', key: 'ETH', state: 'REDUCING', changed_by: 'bob', ...record },
      ]);
      expect((await harness.events()).map((e) => [e.scope, e.key, e.state])).toEqual([
        ['global', null, 'HALTED'],
        ['strategy', 'pq_vol_trader_btc', 'REDUCING'],
        ['underlying', 'ETH', 'REDUCING'],
      ]);
    });

    it('records the state before each change, and resumes to a stored ACTIVE', async () => {
      await store.set(change({ state: 'REDUCING' }));
      await store.set(change({ state: 'HALTED', at: '2026-12-05T17:01:00.000Z' }));
      await store.set(change({ state: 'ACTIVE', reason: 'resume', at: '2026-12-05T17:02:00.000Z' }));
      expect((await harness.events()).map((e) => `${e.previous}>${e.state}`)).toEqual([
        'ACTIVE>REDUCING',
        'REDUCING>HALTED',
        'HALTED>ACTIVE',
      ]);
      expect(await store.list()).toEqual([
        {
          scope: 'global',
          key: null,
          state: 'ACTIVE',
          previous: 'HALTED',
          reason: 'resume',
          changed_by: 'alice',
          since: '2026-12-05T17:02:00.000Z',
        },
      ]);
    });

    it('writes nothing for a set to the current state, or one `when` declines', async () => {
      expect(await store.set(change({ state: 'ACTIVE' }))).toEqual({ changed: false, current: 'ACTIVE' });
      await store.set(change({ state: 'HALTED' }));
      const stricter = (current: TradingState) => current === 'ACTIVE';
      expect(
        await store.set(change({ state: 'REDUCING', changedBy: 'kill_switch' }), { when: stricter }),
      ).toEqual({ changed: false, current: 'HALTED' });
      expect(await store.set(change({ state: 'HALTED', reason: 'again' }))).toEqual({
        changed: false,
        current: 'HALTED',
      });
      expect((await harness.events()).map((e) => e.state)).toEqual(['HALTED']);
      expect((await store.list())[0]?.reason).toBe('desk review');
    });

    it('hands `when` the stored record, so a writer can lift only what it set itself', async () => {
      const mine = (current: TradingState, record: { changed_by: string } | null) =>
        current === 'REDUCING' && record?.changed_by === 'approval_policy';
      expect(await store.set(change({ state: 'ACTIVE', reason: 'calm' }), { when: mine })).toEqual({
        changed: false,
        current: 'ACTIVE',
      });
      await store.set(change({ state: 'REDUCING', changedBy: 'alice' }));
      expect(await store.set(change({ state: 'ACTIVE', reason: 'calm' }), { when: mine })).toEqual({
        changed: false,
        current: 'REDUCING',
      });
      await store.set(change({ state: 'ACTIVE', changedBy: 'alice' }));
      await store.set(change({ state: 'REDUCING', changedBy: 'approval_policy' }));
      expect(await store.set(change({ state: 'ACTIVE', reason: 'calm' }), { when: mine })).toMatchObject({
        changed: true,
      });
    });

    it("hands a state to whoever sets it again: a person confirming the policy's REDUCING owns it", async () => {
      const mine = (current: TradingState, record: { changed_by: string } | null) =>
        current === 'REDUCING' && record?.changed_by === 'approval_policy';
      await store.set(change({ state: 'REDUCING', changedBy: 'approval_policy', reason: 'extreme' }));
      expect(
        await store.set(change({ state: 'REDUCING', changedBy: 'alice', reason: 'my call' })),
      ).toMatchObject({
        changed: true,
        event: { state: 'REDUCING', previous: 'REDUCING', changed_by: 'alice' },
      });
      expect(await store.set(change({ state: 'ACTIVE', reason: 'calm' }), { when: mine })).toEqual({
        changed: false,
        current: 'REDUCING',
      });
      expect((await store.list())[0]).toMatchObject({
        state: 'REDUCING',
        changed_by: 'alice',
        reason: 'my call',
      });
    });

    it('refuses an event the stream schema refuses, writing nothing', async () => {
      await expect(store.set(change({ reason: '' }))).rejects.toThrow();
      await expect(store.set(change({ scope: 'strategy', key: null }))).rejects.toThrow();
      expect(await store.list()).toEqual([]);
      expect(await harness.events()).toEqual([]);
    });

    it('publishes a change whose process died before the append: once, by the next process', async () => {
      const dying = harness.open(crashingOnce(harness.once, 'before'));
      await expect(dying.set(change())).rejects.toThrow('killed before the append');
      // The state stands (the reserve script enforces it) while the event waits in the outbox
      expect((await store.list()).map((s) => s.state)).toEqual(['HALTED']);
      expect(await harness.events()).toEqual([]);
      const next = harness.open();
      expect(await next.publishPending()).toBe(1);
      expect(await next.publishPending()).toBe(0);
      expect((await harness.events()).map((e) => e.state)).toEqual(['HALTED']);
    });

    it('publishes a change whose process died after the append exactly once', async () => {
      const dying = harness.open(crashingOnce(harness.once, 'after'));
      await expect(dying.set(change())).rejects.toThrow('killed after the append');
      expect(await harness.open().publishPending()).toBe(0);
      expect((await harness.events()).map((e) => e.state)).toEqual(['HALTED']);
    });

    it('publishes a stranded change before the next one, in change order', async () => {
      const dying = harness.open(crashingOnce(harness.once, 'before'));
      await expect(dying.set(change({ state: 'REDUCING' }))).rejects.toThrow();
      await store.set(change({ scope: 'underlying', key: 'BTC', state: 'HALTED' }));
      await store.set(change({ state: 'ACTIVE', reason: 'resume' }));
      expect((await harness.events()).map((e) => `${e.scope}:${e.previous}>${e.state}`)).toEqual([
        'global:ACTIVE>REDUCING',
        'underlying:ACTIVE>HALTED',
        'global:REDUCING>ACTIVE',
      ]);
    });

    it('chains concurrent changes of one scope: each event starts where the one before ended', async () => {
      const stores = [harness.open(), harness.open(), harness.open()];
      const states: TradingState[] = ['REDUCING', 'HALTED', 'ACTIVE', 'HALTED', 'REDUCING', 'ACTIVE'];
      await Promise.all(
        states.map((state, i) => stores[i % stores.length]?.set(change({ state, reason: `change ${i}` }))),
      );
      const events = await harness.events();
      expect(events.length).toBeGreaterThan(0);
      let before: TradingState = 'ACTIVE';
      for (const e of events) {
        expect(e.previous).toBe(before);
        expect(e.state).not.toBe(e.previous);
        before = e.state;
      }
      expect((await store.list())[0]?.state).toBe(before);
    });
  });
}

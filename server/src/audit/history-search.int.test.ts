import { randomUUID } from 'node:crypto';
import { HistorySearchInputSchema, type HistoryRow, type HistorySearchInput } from '@gamma/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from './audit-store.ts';
import { openPgAuditStore } from './pg-audit-store.ts';
import { openPgliteAuditStore } from './pglite-audit-store.ts';
import { HISTORY_OUTCOMES, HISTORY_STRATEGIES, historyRows } from '../testing/history-rows.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const INTENTS = 10_000;
const START_MS = Date.parse('2026-03-02T00:00:00.000Z');
const STEP_MS = 1000;
const seed = {
  idPrefix: `h-${randomUUID().slice(0, 8)}`,
  intents: INTENTS,
  startMs: START_MS,
  stepMs: STEP_MS,
};

const strategyOf = (i: number) => HISTORY_STRATEGIES[i % 3];
const outcomeOf = (i: number) => HISTORY_OUTCOMES[i % 4];
/** Indexes of the seeded intents matching a predicate, newest first (the search's order). */
const newestFirst = (match: (i: number) => boolean): number[] =>
  Array.from({ length: INTENTS }, (_, k) => INTENTS - 1 - k).filter(match);
const idsOf = (rows: readonly HistoryRow[]) => rows.map((r) => r.intent_id);
const intentIds = (indexes: readonly number[]) => indexes.map((i) => `${seed.idPrefix}-${i}`);

interface Opened {
  store: AuditStore;
  dispose: () => Promise<void>;
}

const adapters: [string, () => Promise<Opened>][] = [
  [
    'PGlite',
    async () => {
      const store = await openPgliteAuditStore({ dataDir: 'memory://' });
      return { store, dispose: () => store.close() };
    },
  ],
  [
    'Postgres',
    async () => {
      const schema = `test_${randomUUID().replaceAll('-', '')}`;
      const store = await openPgAuditStore({ url: TEST_DATABASE_URL, schema });
      return {
        store,
        dispose: async () => {
          await store.close();
          const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    },
  ],
];

describe.each(adapters)('history search on %s', (_name, open) => {
  let opened: Opened;
  const search = (input: HistorySearchInput, raw: { cursor?: string } = {}) => {
    const history = opened.store.history;
    if (!history) throw new Error('the SQL store has a history search');
    return history.search({ ...HistorySearchInputSchema.parse(input), ...raw });
  };

  beforeAll(async () => {
    opened = await open();
    await opened.store.insert(historyRows(seed));
  }, 120_000);
  afterAll(() => opened.dispose());

  describe('when listing intents', () => {
    it('returns 10,000 intents in one page, newest first, each with its latest status and notional', async () => {
      const page = await search({ limit: 10_000 });
      expect(page.rows).toHaveLength(INTENTS);
      expect(page).toMatchObject({ next_cursor: null, total: INTENTS });
      expect(idsOf(page.rows)).toEqual(intentIds(newestFirst(() => true)));
      const first = page.rows.find((r) => r.intent_id === `${seed.idPrefix}-4`);
      expect(first).toMatchObject({
        kind: 'intent',
        strategy_id: 'pq_vol_trader_eth',
        underlying: 'ETH/USDT',
        action: 'sell_straddle',
        side: 'buy',
        quantity: 0.1,
        status: 'approved',
        notional: 1004,
        ts: new Date(START_MS + 4 * STEP_MS).toISOString(),
      });
    });

    it('filters by strategy and status together, exactly', async () => {
      const page = await search({ strategy: 'grid_btc', status: 'vetoed', limit: 10_000 });
      const expected = newestFirst((i) => strategyOf(i) === 'grid_btc' && outcomeOf(i) === 'vetoed');
      expect(expected.length).toBeGreaterThan(500);
      expect(idsOf(page.rows)).toEqual(intentIds(expected));
      expect(page.rows.every((r) => r.reason === 'too close to the event')).toBe(true);
    });

    it('filters by underlying, action and a time range (from inclusive, to exclusive)', async () => {
      const page = await search({
        underlying: 'BTC/USDT',
        action: 'buy_straddle',
        from: new Date(START_MS + 300 * STEP_MS).toISOString(),
        to: new Date(START_MS + 600 * STEP_MS).toISOString(),
      });
      const expected = newestFirst((i) => i >= 300 && i < 600 && strategyOf(i) === 'pq_vol_trader_btc');
      expect(idsOf(page.rows)).toEqual(intentIds(expected));
      expect(page.total).toBe(expected.length);
    });

    it('pages with the cursor: every intent once, in order, the total on the first page only', async () => {
      const seen: HistoryRow[] = [];
      let cursor: string | null = null;
      const totals: (number | null)[] = [];
      do {
        const page = await search({ limit: 1500, cursor });
        seen.push(...page.rows);
        totals.push(page.total);
        cursor = page.next_cursor;
      } while (cursor !== null);
      expect(totals).toEqual([INTENTS, null, null, null, null, null, null]);
      expect(idsOf(seen)).toEqual(intentIds(newestFirst(() => true)));
    });

    it('lists a re-published intent once, at its first entry', async () => {
      const again = historyRows({ ...seed, intents: 1 }).filter((r) => r.stream === 'strategy.intent');
      await opened.store.insert(again.map((r) => ({ ...r, entry_id: `${START_MS + 5}-9` })));
      const page = await search({ strategy: 'pq_vol_trader_btc', to: new Date(START_MS + 1).toISOString() });
      expect(page.rows.map((r) => r.entry_id)).toEqual([`${START_MS}-0`]);
    });
  });

  describe('when listing decisions and orders', () => {
    it('lists each decision with its own status', async () => {
      const page = await search({ kind: 'decision', status: 'pending_approval', limit: 10_000 });
      expect(page.rows).toHaveLength(INTENTS);
      expect(page.rows[0]).toMatchObject({ kind: 'decision', notional: 1000 + INTENTS - 1 });
    });

    it('lists order commands as filled, with the underlying and action of their intent', async () => {
      const page = await search({ kind: 'order', underlying: 'ETH/USDT', status: 'filled', limit: 10_000 });
      const expected = newestFirst(
        (i) => strategyOf(i) === 'pq_vol_trader_eth' && outcomeOf(i) === 'approved',
      );
      expect(page.rows).toHaveLength(expected.length * 2);
      expect(page.rows[0]).toMatchObject({
        kind: 'order',
        action: 'sell_straddle',
        symbol: 'ETH-27MAR26-60000-P',
        price: 100,
        client_order_id: `${seed.idPrefix}-${expected[0]}-1`,
      });
    });
  });

  describe('when the cursor is not one a search returned', () => {
    it('refuses it', async () => {
      await expect(search({}, { cursor: '12:34' })).rejects.toThrow(/not a cursor this search returned/);
    });
  });
});

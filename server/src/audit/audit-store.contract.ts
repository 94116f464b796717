import type { StreamName } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { runCompactionPass } from './audit-retention.ts';
import type { AuditCompaction, AuditRow, AuditStore, CompactionBatchResult } from './audit-store.ts';
import { silentLogger } from '../lib/logger.ts';

/** A row of the contract tests; `ts` from the millisecond part of the entry id. */
export const auditRow = (
  stream: StreamName,
  entryId: string,
  overrides: Partial<AuditRow> = {},
): AuditRow => ({
  stream,
  entry_id: entryId,
  ts: new Date(Number(entryId.split('-')[0])).toISOString(),
  intent_id: 'i-1',
  client_order_id: null,
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  message: { entry: entryId, nested: { values: [1, 2.5, null], flag: true } },
  ...overrides,
});

/**
 * The behaviour every {@link AuditStore} adapter shares. `open` gives a fresh, migrated, empty store
 * for one test and `dispose` removes it afterwards.
 */
export function describeAuditStoreContract(
  name: string,
  hooks: { open: () => Promise<AuditStore>; dispose: (store: AuditStore) => Promise<void> },
): void {
  const withStore = async (test: (store: AuditStore) => Promise<void>): Promise<void> => {
    const store = await hooks.open();
    try {
      await test(store);
    } finally {
      await hooks.dispose(store);
    }
  };

  describe(`${name} (audit store contract)`, () => {
    describe('when rows of an intent are inserted', () => {
      it('returns them by intent in stream-id order, numeric on the millisecond part', () =>
        withStore(async (store) => {
          await store.insert([
            auditRow('order.fill', '1000-0'),
            auditRow('strategy.intent', '900-0'),
            auditRow('intent.decision', '1000-1'),
            auditRow('market.tick', '950-0', { intent_id: null }),
            auditRow('strategy.intent', '901-0', { intent_id: 'other' }),
          ]);
          const rows = await store.byIntent('i-1');
          expect(rows.map((r) => `${r.stream}@${r.entry_id}`)).toEqual([
            'strategy.intent@900-0',
            'order.fill@1000-0',
            'intent.decision@1000-1',
          ]);
        }));

      it('gives back every column and the message as it was written', () =>
        withStore(async (store) => {
          const row = auditRow('order.fill', '1772442904120-3', {
            client_order_id: 'i-1-0',
            symbol: 'BTC-28MAR26-100000-C',
          });
          await store.insert([row]);
          expect(await store.byIntent('i-1')).toEqual([row]);
          expect(await store.byEntry('order.fill', '1772442904120-3')).toEqual(row);
          expect(await store.byEntry('order.command', '1772442904120-3')).toBeNull();
        }));
    });

    describe('when an entry is inserted again', () => {
      it('keeps the first row and counts only new ones', () =>
        withStore(async (store) => {
          expect(await store.insert([auditRow('strategy.intent', '1-0')])).toBe(1);
          const again = auditRow('strategy.intent', '1-0', { message: { changed: true } });
          expect(await store.insert([again, auditRow('strategy.intent', '2-0')])).toBe(1);
          const rows = await store.byIntent('i-1');
          expect(rows).toHaveLength(2);
          expect(rows[0]?.message).toEqual(auditRow('strategy.intent', '1-0').message);
        }));

      it('keeps the same entry id on two streams as two rows', () =>
        withStore(async (store) => {
          expect(
            await store.insert([auditRow('strategy.intent', '1-0'), auditRow('intent.decision', '1-0')]),
          ).toBe(2);
          expect(await store.byIntent('i-1')).toHaveLength(2);
        }));
    });

    describe('when rows are read by time range', () => {
      const rows = [
        auditRow('market.tick', '3000-0', { intent_id: null }),
        auditRow('market.tick', '1000-0', { intent_id: null }),
        auditRow('strategy.intent', '2000-0'),
        auditRow('market.tick', '2000-0', { intent_id: null }),
      ];

      it('returns them oldest first, at most limit', () =>
        withStore(async (store) => {
          await store.insert(rows);
          const all = await store.range({ limit: 10 });
          expect(all.map((r) => `${r.stream}@${r.entry_id}`)).toEqual([
            'market.tick@1000-0',
            'market.tick@2000-0',
            'strategy.intent@2000-0',
            'market.tick@3000-0',
          ]);
          expect(await store.range({ limit: 2 })).toHaveLength(2);
        }));

      it('filters by stream, intent, from (inclusive) and to (exclusive)', () =>
        withStore(async (store) => {
          await store.insert(rows);
          const ticks = await store.range({
            stream: 'market.tick',
            from: new Date(2000).toISOString(),
            limit: 10,
          });
          expect(ticks.map((r) => r.entry_id)).toEqual(['2000-0', '3000-0']);
          const early = await store.range({ to: new Date(2000).toISOString(), limit: 10 });
          expect(early.map((r) => r.entry_id)).toEqual(['1000-0']);
          const intents = await store.range({ intentId: 'i-1', limit: 10 });
          expect(intents.map((r) => r.stream)).toEqual(['strategy.intent']);
        }));

      it('rejects a limit below 1 and a time that is not ISO-8601', () =>
        withStore(async (store) => {
          await expect(store.range({ limit: 0 })).rejects.toThrow(/limit must be a positive integer/);
          await expect(store.range({ from: 'yesterday', limit: 1 })).rejects.toThrow(
            /"from" is not an ISO-8601 time/,
          );
        }));
    });

    describeRetention(withStore);

    describe('when the schema is migrated again', () => {
      it('keeps the rows', () =>
        withStore(async (store) => {
          await store.insert([auditRow('strategy.intent', '1-0')]);
          await store.migrate();
          expect(await store.byIntent('i-1')).toHaveLength(1);
        }));
    });
  });
}

/** 10:00:00 UTC; the retention rows are 15 s apart from here. */
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
const idAt = (s: number, seq = 0): string => `${T0 + s * 1000}-${seq}`;
const MINUTE = 60_000;

/** Ticks of two symbols and intents every 15 s for three minutes, and book-wide risk (no symbol). */
const marketRows = (): AuditRow[] =>
  Array.from({ length: 12 }, (_, k) => k * 15).flatMap((s) => [
    auditRow('market.tick', idAt(s, 0), { intent_id: null, symbol: 'BTC/USDT' }),
    auditRow('market.tick', idAt(s, 1), { intent_id: null, symbol: 'ETH/USDT' }),
    auditRow('portfolio.risk', idAt(s), { intent_id: null, strategy_id: null, symbol: null }),
    auditRow('strategy.intent', idAt(s), { intent_id: `i-${s}` }),
  ]);

async function compactAll(
  compaction: AuditCompaction,
  request: Parameters<AuditCompaction['compactBatch']>[0],
): Promise<CompactionBatchResult[]> {
  const batches: CompactionBatchResult[] = [];
  for (let b = await compaction.compactBatch(request); b !== null; b = await compaction.compactBatch(request))
    batches.push(b);
  return batches;
}

const timesOf = async (store: AuditStore, stream: AuditRow['stream'], symbol?: string | null) =>
  (await store.range({ stream, limit: 1000 }))
    .filter((r) => symbol === undefined || r.symbol === symbol)
    .map((r) => r.ts);

function describeRetention(withStore: (test: (store: AuditStore) => Promise<void>) => Promise<void>): void {
  const compactionOf = (store: AuditStore): AuditCompaction => {
    if (store.compaction === undefined) throw new Error(`${store.description} has no compaction`);
    return store.compaction;
  };

  describe('when old raw market data is compacted', () => {
    it('keeps the last row of each whole bucket per symbol, in batches, and leaves newer rows and other streams whole', () =>
      withStore(async (store) => {
        await store.insert(marketRows());
        const compaction = compactionOf(store);
        const request = { stream: 'market.tick' as const, bucketMs: MINUTE, before: at(120), maxRows: 3 };
        const batches = await compactAll(compaction, request);
        expect(batches.length).toBeGreaterThan(1);
        for (const b of batches) expect(Date.parse(b.from) % MINUTE).toBe(0);
        expect(batches.at(-1)?.to).toBe(at(120));
        expect(batches.reduce((n, b) => n + b.compacted, 0)).toBe(12);
        expect(batches.reduce((n, b) => n + b.kept, 0)).toBe(4);
        const recent = [at(120), at(135), at(150), at(165)];
        expect(await timesOf(store, 'market.tick', 'BTC/USDT')).toEqual([at(45), at(105), ...recent]);
        expect(await timesOf(store, 'market.tick', 'ETH/USDT')).toEqual([at(45), at(105), ...recent]);
        expect(await timesOf(store, 'strategy.intent')).toHaveLength(12);
        expect(await timesOf(store, 'portfolio.risk')).toHaveLength(12);
        expect(await compaction.compactBatch(request)).toBeNull();
      }));

    it('compacts a row recorded late into an already compacted bucket, keeping the latest', () =>
      withStore(async (store) => {
        await store.insert(marketRows());
        const compaction = compactionOf(store);
        const request = { stream: 'market.tick' as const, bucketMs: MINUTE, before: at(120), maxRows: 100 };
        await compactAll(compaction, request);
        await store.insert([auditRow('market.tick', idAt(50, 7), { intent_id: null, symbol: 'BTC/USDT' })]);
        const again = await compactAll(compaction, request);
        expect(again.reduce((n, b) => n + b.compacted, 0)).toBe(1);
        expect(await timesOf(store, 'market.tick', 'BTC/USDT')).toEqual([
          at(50),
          at(105),
          ...[120, 135, 150, 165].map(at),
        ]);
      }));

    it('runs a pass over every raw market stream with the raw window, keeping book-wide risk as one series', () =>
      withStore(async (store) => {
        const surfaces = [0, 100, 200, 290, 300, 310].map((s) =>
          auditRow('market.vol_surface', idAt(s), { intent_id: null, symbol: 'BTC/USDT' }),
        );
        await store.insert([...marketRows(), ...surfaces]);
        const report = await runCompactionPass(
          compactionOf(store),
          { rawHours: 1, batchRows: 1000 },
          { nowMs: T0 + 60 * MINUTE + 10 * MINUTE, log: silentLogger },
        );
        // Ticks and risk: every minute is older than an hour, so each keeps one row per symbol and minute
        expect(await timesOf(store, 'market.tick', 'BTC/USDT')).toEqual([at(45), at(105), at(165)]);
        expect(await timesOf(store, 'portfolio.risk')).toEqual([at(45), at(105), at(165)]);
        // Surfaces: one per 5 minutes
        expect(await timesOf(store, 'market.vol_surface')).toEqual([at(290), at(310)]);
        expect(await timesOf(store, 'strategy.intent')).toHaveLength(12);
        expect(report.compacted).toBe(3 * 9 + 4);
        expect(report.kept).toBe(3 * 3 + 2);
      }));
  });
}

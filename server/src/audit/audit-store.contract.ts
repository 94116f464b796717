import type { StreamName } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import type { AuditRow, AuditStore } from './audit-store.ts';

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

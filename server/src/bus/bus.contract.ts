import type { DeadLetterEvent, StreamInput, StreamName } from '@gamma/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, Entry } from './bus.ts';

/** How often a handler that keeps throwing is tried before its entry is dead-lettered, in the contract. */
export const CONTRACT_MAX_DELIVERIES = 3;

/** A bus adapter prepared for the contract suite. */
export interface BusUnderTest {
  /** Configured with `maxDeliveries: CONTRACT_MAX_DELIVERIES` and a prompt redelivery of pending entries */
  bus: Bus;
  /** Appends an entry with arbitrary fields, bypassing validation (malformed entries) */
  appendRaw(name: StreamName, fields: Record<string, string>): Promise<string>;
  /** Closes the bus and removes what the test left behind */
  dispose(): Promise<void>;
}

type TickInput = StreamInput<'market.tick'>;

const tick = (price: number): TickInput => ({
  symbol: 'BTC/USDT',
  price,
  volume: 1,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

const prices = (messages: readonly { price: number }[]): number[] => messages.map((m) => m.price);

/** Iterates a tail in the background, collecting entries until `signal` aborts. */
function collect<TName extends StreamName>(entries: AsyncIterable<Entry<TName>>): Entry<TName>[] {
  const seen: Entry<TName>[] = [];
  void (async () => {
    for await (const entry of entries) seen.push(entry);
  })();
  return seen;
}

const deadLetters = async (bus: Bus): Promise<DeadLetterEvent[]> =>
  (await bus.latest('dlq', 100)).map((entry) => entry.message).reverse();

/**
 * The behaviour every `Bus` adapter shares (CONVENTIONS §9): fan-out, shared work, acks, redelivery,
 * dead letters, tails and `latest`. Each adapter's test file calls it with a factory.
 */
export function describeBusContract(name: string, makeBus: () => Promise<BusUnderTest>): void {
  describe(`${name} (bus contract)`, () => {
    let harness: BusUnderTest;
    let bus: Bus;
    let stop: AbortController;

    beforeEach(async () => {
      harness = await makeBus();
      bus = harness.bus;
      stop = new AbortController();
    });
    afterEach(async () => {
      stop.abort();
      await harness.dispose();
    });

    describe('when two groups subscribe to a stream', () => {
      it('delivers every message to each group, in order', async () => {
        const engine: number[] = [];
        const audit: number[] = [];
        bus.subscribe('market.tick', 'engine', (m) => void engine.push(m.price));
        bus.subscribe('market.tick', 'audit-recorder', (m) => void audit.push(m.price));
        for (const price of [1, 2, 3]) await bus.publish('market.tick', tick(price));
        await expect.poll(() => engine).toEqual([1, 2, 3]);
        await expect.poll(() => audit).toEqual([1, 2, 3]);
      });
    });

    describe('when two subscribers share one group', () => {
      it('handles each message exactly once between them', async () => {
        const handled: number[] = [];
        bus.subscribe('market.tick', 'workers', (m) => void handled.push(m.price));
        bus.subscribe('market.tick', 'workers', (m) => void handled.push(m.price));
        for (let price = 1; price <= 10; price += 1) await bus.publish('market.tick', tick(price));
        await expect.poll(() => [...handled].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });
    });

    describe('when a group starts', () => {
      it('sees only new messages by default and the whole stream from 0', async () => {
        await bus.publish('market.tick', tick(1));
        const fresh: number[] = [];
        const audit: number[] = [];
        bus.subscribe('market.tick', 'fresh', (m) => void fresh.push(m.price));
        bus.subscribe('market.tick', 'audit', (m) => void audit.push(m.price), { startId: '0' });
        await bus.publish('market.tick', tick(2));
        await expect.poll(() => audit).toEqual([1, 2]);
        await expect.poll(() => fresh).toEqual([2]);
      });
    });

    describe('when a handler succeeds', () => {
      it('acks the entry, so a restarted subscriber does not get it again', async () => {
        const first: number[] = [];
        const sub = bus.subscribe('market.tick', 'engine', (m) => void first.push(m.price));
        await bus.publish('market.tick', tick(1));
        await expect.poll(() => first).toEqual([1]);
        await sub.close();
        const second: number[] = [];
        bus.subscribe('market.tick', 'engine', (m) => void second.push(m.price));
        await bus.publish('market.tick', tick(2));
        await expect.poll(() => second).toEqual([2]);
        expect(first).toEqual([1]);
      });
    });

    describe('when a handler throws once', () => {
      it('delivers the entry again and dead-letters nothing', async () => {
        const attempts: string[] = [];
        let failures = 0;
        const handled: number[] = [];
        bus.subscribe('market.tick', 'engine', (m, entry) => {
          attempts.push(entry.id);
          if (m.price === 1 && failures === 0) {
            failures += 1;
            throw new Error('transient');
          }
          handled.push(m.price);
        });
        const id = await bus.publish('market.tick', tick(1));
        await expect.poll(() => handled).toEqual([1]);
        expect(attempts).toEqual([id, id]);
        expect(await deadLetters(bus)).toEqual([]);
      });
    });

    describe('when a handler keeps throwing', () => {
      it(`dead-letters the entry as HANDLER_FAILED after ${CONTRACT_MAX_DELIVERIES} deliveries`, async () => {
        let attempts = 0;
        bus.subscribe('market.tick', 'engine', () => {
          attempts += 1;
          throw new Error('broken handler');
        });
        const id = await bus.publish('market.tick', tick(1));
        await expect.poll(() => deadLetters(bus)).toHaveLength(1);
        const [letter] = await deadLetters(bus);
        expect(letter).toMatchObject({
          source_stream: 'market.tick',
          source_entry_id: id,
          group: 'engine',
          reason: 'HANDLER_FAILED',
          error: 'broken handler',
        });
        expect(JSON.parse(letter?.raw ?? '')).toMatchObject({ symbol: 'BTC/USDT', price: 1 });
        expect(attempts).toBe(CONTRACT_MAX_DELIVERIES);
      });
    });

    describe('when an entry is malformed', () => {
      const cases = [
        { reason: 'MISSING_DATA_FIELD', fields: { payload: '{}' }, raw: '', error: /data/ },
        { reason: 'INVALID_JSON', fields: { data: '{not json' }, raw: '{not json', error: /JSON/i },
        {
          reason: 'SCHEMA_MISMATCH',
          fields: { data: '{"symbol":"BTC/USDT","price":-5}' },
          raw: '{"symbol":"BTC/USDT","price":-5}',
          error: /^price: /,
        },
      ] as const;
      for (const { reason, fields, raw, error } of cases) {
        it(`dead-letters it as ${reason} and keeps handling later entries`, async () => {
          const handled: number[] = [];
          bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
          const id = await harness.appendRaw('market.tick', fields);
          await bus.publish('market.tick', tick(7));
          await expect.poll(() => handled).toEqual([7]);
          await expect.poll(() => deadLetters(bus)).toHaveLength(1);
          const [letter] = await deadLetters(bus);
          expect(letter).toMatchObject({
            source_stream: 'market.tick',
            source_entry_id: id,
            group: 'engine',
            reason,
            raw,
          });
          expect(letter?.error).toMatch(error);
        });
      }
    });

    describe('when an entry has no timestamp', () => {
      it('delivers it stamped with the receipt time', async () => {
        const stamps: string[] = [];
        bus.subscribe('market.tick', 'engine', (m) => void stamps.push(m.timestamp));
        await harness.appendRaw('market.tick', { data: '{"symbol":"ETH/USDT","price":3000}' });
        await expect.poll(() => stamps).toHaveLength(1);
        expect(Number.isFinite(Date.parse(stamps[0] ?? ''))).toBe(true);
      });
    });

    describe('when publishing an invalid message', () => {
      it('rejects with the first schema issue and appends nothing', async () => {
        const bad = { ...tick(1), price: Number.NaN };
        await expect(bus.publish('market.tick', bad)).rejects.toThrow(/market\.tick.*price/);
        expect(await bus.latest('market.tick', 10)).toEqual([]);
      });
    });

    describe('when tailing from an entry id', () => {
      it('backfills after it, then follows live entries, without gap or duplicate', async () => {
        const ids = [];
        for (const price of [1, 2, 3]) ids.push(await bus.publish('market.tick', tick(price)));
        const seen = collect(bus.tail('market.tick', { after: ids[0], signal: stop.signal }));
        await expect.poll(() => prices(seen.map((e) => e.message))).toEqual([2, 3]);
        ids.push(await bus.publish('market.tick', tick(4)));
        await harness.appendRaw('market.tick', { data: 'garbage' });
        ids.push(await bus.publish('market.tick', tick(5)));
        await expect.poll(() => seen.map((e) => e.id)).toEqual(ids.slice(1));
        expect(seen.every((e) => e.stream === 'market.tick')).toBe(true);
      });
    });

    describe('when tailing without an entry id', () => {
      it('yields only entries published after the call', async () => {
        await bus.publish('market.tick', tick(1));
        const seen = collect(bus.tail('market.tick', { signal: stop.signal }));
        await bus.publish('market.tick', tick(2));
        await bus.publish('market.tick', tick(3));
        await expect.poll(() => prices(seen.map((e) => e.message))).toEqual([2, 3]);
      });
    });

    describe('when asking for the latest entries', () => {
      it('returns the newest first, at most count', async () => {
        const ids = [];
        for (const price of [1, 2, 3]) ids.push(await bus.publish('market.tick', tick(price)));
        const latest = await bus.latest('market.tick', 2);
        expect(latest.map((e) => e.id)).toEqual([ids[2], ids[1]]);
        expect(prices(latest.map((e) => e.message))).toEqual([3, 2]);
        expect(await bus.latest('portfolio.risk', 5)).toEqual([]);
      });
    });
  });
}

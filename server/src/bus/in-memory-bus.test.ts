import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../errors/index.ts';
import { FakeClock } from '../lib/clock.ts';
import { CONTRACT_MAX_DELIVERIES, describeBusContract } from './bus.contract.ts';
import { InMemoryBus } from './in-memory-bus.ts';

describeBusContract('InMemoryBus', async () => {
  const bus = new InMemoryBus({ maxDeliveries: CONTRACT_MAX_DELIVERIES });
  return { bus, appendRaw: async (name, fields) => bus.appendRaw(name, fields), dispose: () => bus.close() };
});

const tick = (price: number) => ({
  symbol: 'BTC/USDT',
  price,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

describe('InMemoryBus', () => {
  describe('when the clock stands still', () => {
    it('numbers entry ids like Redis: <ms>-<seq>', async () => {
      const clock = new FakeClock(1000);
      const bus = new InMemoryBus({ clock });
      const ids = [await bus.publish('market.tick', tick(1)), await bus.publish('market.tick', tick(2))];
      clock.advance(5);
      ids.push(await bus.publish('market.tick', tick(3)));
      expect(ids).toEqual(['1000-0', '1000-1', '1005-0']);
    });
  });

  describe('when drained', () => {
    it('resolves after handlers have handled everything, including what they published', async () => {
      const bus = new InMemoryBus();
      const alerts: number[] = [];
      bus.subscribe('market.tick', 'relay', async (m) => {
        await bus.publish('risk.alert', {
          strategy_id: 'global',
          alert_type: 'delta',
          severity: 'info',
          message: String(m.price),
          current_value: m.price,
          threshold_value: 10,
          timestamp: m.timestamp,
          metadata: {},
        });
      });
      bus.subscribe('risk.alert', 'audit', (m) => void alerts.push(Number(m.message)));
      await bus.publish('market.tick', tick(1));
      await bus.publish('market.tick', tick(2));
      await bus.drain();
      expect(alerts).toEqual([1, 2]);
    });
  });

  describe('when deliverTwice is set', () => {
    it('hands each entry to the handler twice', async () => {
      const bus = new InMemoryBus({ deliverTwice: true });
      const seen: string[] = [];
      bus.subscribe('market.tick', 'engine', (_m, entry) => void seen.push(entry.id));
      const id = await bus.publish('market.tick', tick(1));
      await bus.drain();
      expect(seen).toEqual([id, id]);
    });
  });

  describe('when messages were published', () => {
    it('lists them decoded via published()', async () => {
      const bus = new InMemoryBus();
      await bus.publish('market.tick', tick(1));
      bus.appendRaw('market.tick', { data: 'nope' });
      expect(bus.published('market.tick').map((m) => m.price)).toEqual([1]);
      expect(bus.published('market.tick')[0]?.volume).toBe(0);
    });
  });

  describe('when tailing from a malformed id', () => {
    it('throws a clear error', () => {
      const bus = new InMemoryBus();
      expect(() => bus.tail('market.tick', { after: 'yesterday' })).toThrow(/Invalid stream entry id/);
    });
  });

  describe('when closed', () => {
    it('refuses to publish and ends tails', async () => {
      const bus = new InMemoryBus();
      const tail = bus.tail('market.tick', {})[Symbol.asyncIterator]();
      const next = tail.next();
      await bus.close();
      await expect(next).resolves.toEqual({ done: true, value: undefined });
      await expect(bus.publish('market.tick', tick(1))).rejects.toThrow(/closed/);
      await expect(bus.publish('market.tick', tick(1))).rejects.toThrow(InvalidStateError);
    });
  });
});

import { createMarketTick } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { activityBus } from './service-heartbeats.ts';

describe('activityBus', () => {
  describe('when a service follows a stream as a tail', () => {
    it('counts an entry as activity once the reader has handled it and asks for the next', async () => {
      const bus = new InMemoryBus();
      let touches = 0;
      const tracked = activityBus(bus, () => (touches += 1));
      const abort = new AbortController();
      const entries = tracked.tail('market.tick', { signal: abort.signal })[Symbol.asyncIterator]();
      await bus.publish('market.tick', createMarketTick());
      await bus.publish('market.tick', createMarketTick());
      await entries.next();
      expect(touches).toBe(0);
      await entries.next();
      expect(touches).toBe(1);
      abort.abort();
      await entries.return?.();
      await bus.close();
    });
  });
});

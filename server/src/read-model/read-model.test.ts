import { createIntentDecision, createStrategyIntent, createVolSurface } from '@gamma/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { silentLogger } from '../lib/logger.ts';
import { ReadModel } from './read-model.ts';

describe('ReadModel', () => {
  let readModel: ReadModel | null = null;
  let bus: InMemoryBus | null = null;

  afterEach(async () => {
    await readModel?.close();
    await bus?.close();
  });

  describe('when started on streams with history', () => {
    it('shows the recent past, then follows live entries', async () => {
      bus = new InMemoryBus();
      const before = createStrategyIntent();
      await bus.publish('strategy.intent', before);
      await bus.publish(
        'intent.decision',
        createIntentDecision({
          intent_id: before.intent_id,
          status: 'pending_approval',
          decided_by: 'engine',
        }),
      );
      await bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.61 }));
      readModel = new ReadModel({ bus, log: silentLogger });

      await readModel.start();

      expect(readModel.recentIntents({ limit: 10 })).toMatchObject([
        { intent: { intent_id: before.intent_id }, status: 'pending' },
      ]);
      expect(readModel.volSurface('BTC/USDT')?.atm_iv).toBe(0.61);

      const after = createStrategyIntent();
      await bus.publish('strategy.intent', after);
      await bus.publish(
        'intent.decision',
        createIntentDecision({ intent_id: before.intent_id, status: 'vetoed' }),
      );
      const model = readModel;
      await expect
        .poll(() => model.recentIntents({ limit: 10 }).map((r) => [r.intent.intent_id, r.status]))
        .toEqual([
          [after.intent_id, 'received'],
          [before.intent_id, 'vetoed'],
        ]);
    });
  });

  describe('when a surface arrives for an unseen underlying', () => {
    it('knows the underlying and serves its pq-spread view', async () => {
      bus = new InMemoryBus();
      readModel = new ReadModel({ bus, log: silentLogger });
      await readModel.start();
      await bus.publish('market.vol_surface', createVolSurface({ underlying: 'SOL/USDT', atm_iv: 0.9 }));
      const model = readModel;
      await expect.poll(() => model.knows('SOL/USDT')).toBe(true);
      expect(model.pqSpread('SOL/USDT', '24h', '2026-03-02T09:15:04.120Z')).toMatchObject({
        p_vol: 0.9,
        q_vol: null,
        spread: null,
      });
    });
  });
});

import type { StreamInput, StreamName } from '@gamma/shared';
import { createStrategyIntent, createTestSurface as testSurface } from '@gamma/shared/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { streamKey } from '../keys/key-table.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import type { ApprovalStore } from '../stores/approvals/approval-store.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const NOW = '2026-03-02T09:15:04.120Z';
const RULE = { rule: 'action', detail: 'sell_straddle is unbounded short gamma' } as const;

/** A short straddle: four eyes by its action (FOUR_EYES_ACTIONS' default). */
const straddle = (intentId: string): StreamInput<'strategy.intent'> =>
  createStrategyIntent({
    intent_id: intentId,
    action: 'sell_straddle',
    direction: 'sell',
    intent_type: 'increase_short_gamma',
    timestamp: NOW,
  });

/**
 * Two engine processes in one `engine` group on real Redis (the first approve and the second may be
 * handled by different processes), their one-second sweeps on, reading a fake clock the test moves:
 * issue 10 item 5 through the approval store's scripts, the `intent.approval` stream and the engine.
 */
async function openDesk(env: Record<string, string> = {}) {
  const prefix = testPrefix();
  const clock = new FakeClock(Date.parse(NOW));
  const buses: RedisStreamsBus[] = [];
  const engines: EngineService[] = [];
  // The test chain's mids imply ~115 % vol against its 60 % IV column: the price band's vol band is widened
  const config = loadConfig({ STREAM_PREFIX: prefix, RISK_PRICE_BAND_VOL_PTS: '100', ...env });
  const stores = createRedisStores(redis, { prefix, maxLen: 1000 });
  const busOptions = { url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger, clock };
  const bus = createRedisStreamsBus(busOptions);
  buses.push(bus);
  // published before the engines start: both read it at warm-up
  await bus.publish('market.vol_surface', testSurface());
  for (let i = 0; i < 2; i += 1) {
    const own = i === 0 ? bus : createRedisStreamsBus(busOptions);
    if (i > 0) buses.push(own);
    const engine = new EngineService({ bus: own, clock, config, log: silentLogger, stores });
    await engine.start();
    engines.push(engine);
  }
  await expect
    .poll(async () => {
      const groups = (await redis
        .xinfo('GROUPS', streamKey(prefix, 'intent.approval'))
        .catch(() => [])) as unknown[][];
      return groups.some((g) => g.includes('engine'));
    })
    .toBe(true);
  const all = async <T extends StreamName>(name: T) =>
    (await bus.latest(name, 100)).reverse().map((e) => e.message);
  const approvals: ApprovalStore = stores.approvals;
  return {
    clock,
    approvals,
    all,
    /** The decisions of one intent, in stream order */
    decisions: async (intentId: string) =>
      (await all('intent.decision')).filter((d) => d.intent_id === intentId),
    /** Publishes an intent and waits for its pending record */
    pending: async (intentId: string) => {
      await bus.publish('strategy.intent', straddle(intentId));
      await expect.poll(async () => (await approvals.get(intentId))?.status).toBe('pending');
    },
    claim: (intentId: string, by: string, command: 'approve' | 'veto' = 'approve') =>
      approvals.claim({
        intentId,
        command,
        requestedBy: by,
        reason: command === 'veto' ? 'not with this skew' : null,
        commandId: `${intentId}-${by}-${command}`,
        nowMs: clock.now(),
      }),
    close: async () => {
      for (const engine of engines) await engine.close();
      for (const b of buses) await b.close();
      await deleteKeys(redis, `${prefix}:*`);
    },
  };
}

describe('four-eyes approval through Redis and two engine processes', () => {
  let desk: Awaited<ReturnType<typeof openDesk>> | null = null;
  afterEach(async () => {
    await desk?.close();
    desk = null;
  });

  it('approves with both names once two distinct traders approved, and routes it once', async () => {
    const d = (desk = await openDesk());
    await d.pending('fe-1');
    expect(await d.approvals.get('fe-1')).toMatchObject({ four_eyes: RULE });
    expect(await d.claim('fe-1', 'alice')).toMatchObject({ ok: true, stage: 'first' });
    await expect
      .poll(async () => (await d.decisions('fe-1')).map((x) => x.status))
      .toEqual(['pending_approval', 'awaiting_second_approval']);
    const [pending, awaiting] = await d.decisions('fe-1');
    expect(awaiting).toMatchObject({
      decided_by: 'alice',
      approvers: ['alice'],
      expires_at: pending?.expires_at,
      metadata: { four_eyes: { ...RULE, first_approved_by: 'alice' } },
    });
    expect(await d.approvals.listPending()).toEqual([
      expect.objectContaining({ status: 'awaiting_second', first_approved_by: 'alice' }),
    ]);
    expect(await d.all('execution.command')).toEqual([]);

    expect(await d.claim('fe-1', 'bob')).toMatchObject({ ok: true, stage: 'final' });
    await expect.poll(async () => (await d.approvals.get('fe-1'))?.status).toBe('done');
    expect((await d.decisions('fe-1')).map((x) => [x.status, x.decided_by, x.approvers])).toEqual([
      ['pending_approval', 'engine', []],
      ['awaiting_second_approval', 'alice', ['alice']],
      ['approved', 'bob', ['alice', 'bob']],
    ]);
    expect(await d.all('execution.command')).toEqual([
      expect.objectContaining({ intent_id: 'fe-1', action: 'sell_straddle', approved_by: 'bob' }),
    ]);
  });

  it('refuses the same trader twice with a conflict on the rule, and changes nothing', async () => {
    const d = (desk = await openDesk());
    await d.pending('fe-2');
    await d.claim('fe-2', 'alice');
    const before = await d.approvals.get('fe-2');
    const again = await d.approvals.claim({
      intentId: 'fe-2',
      command: 'approve',
      requestedBy: 'alice',
      reason: null,
      commandId: 'fe-2-alice-again',
      nowMs: d.clock.now(),
    });
    expect(again).toEqual({ ok: false, code: 'CONFLICT', status: 'awaiting_second', same_approver: true });
    expect(await d.approvals.get('fe-2')).toEqual(before);
    expect(before?.four_eyes).toEqual(RULE);
    expect((await d.all('intent.approval')).map((c) => c.command_id)).toEqual(['fe-2-alice-approve']);
  });

  it('ends it on a veto after the first approval', async () => {
    const d = (desk = await openDesk());
    await d.pending('fe-3');
    await d.claim('fe-3', 'alice');
    expect(await d.claim('fe-3', 'carol', 'veto')).toMatchObject({ ok: true, stage: 'final' });
    await expect.poll(async () => (await d.approvals.get('fe-3'))?.status).toBe('done');
    await expect
      .poll(async () => (await d.decisions('fe-3')).map((x) => [x.status, x.decided_by]))
      .toEqual([
        ['pending_approval', 'engine'],
        ['awaiting_second_approval', 'alice'],
        ['vetoed', 'carol'],
      ]);
    expect((await d.decisions('fe-3')).at(-1)).toMatchObject({
      reason_codes: ['MANUAL_VETO'],
      reason: 'not with this skew',
    });
    expect(await d.claim('fe-3', 'bob')).toMatchObject({ ok: false, code: 'CONFLICT', status: 'done' });
    expect(await d.all('execution.command')).toEqual([]);
  });

  it('expires it while awaiting the second approver, at the first expires_at', async () => {
    const d = (desk = await openDesk({ APPROVAL_TTL_S: '2' }));
    await d.pending('fe-4');
    await d.claim('fe-4', 'alice');
    await expect.poll(async () => (await d.decisions('fe-4')).length).toBe(2);
    d.clock.advance(2_000);
    // The engines' one-second sweeps (real time) expire it at its expires_at (the fake clock's time)
    await expect
      .poll(async () => (await d.decisions('fe-4')).map((x) => x.status), { timeout: 10_000 })
      .toEqual(['pending_approval', 'awaiting_second_approval', 'expired']);
    const [pending, , expired] = await d.decisions('fe-4');
    expect(expired).toMatchObject({
      decided_by: 'engine',
      reason_codes: ['APPROVAL_EXPIRED'],
      reason: 'no second approval within 2 s (four-eyes; alice approved first)',
    });
    expect(Date.parse(expired?.timestamp ?? '')).toBeGreaterThanOrEqual(
      Date.parse(pending?.expires_at ?? ''),
    );
    expect((await d.approvals.get('fe-4'))?.status).toBe('expired');
    expect(await d.claim('fe-4', 'bob')).toMatchObject({ ok: false, code: 'CONFLICT', status: 'expired' });
    expect(await d.approvals.listPending()).toEqual([]);
  });
});

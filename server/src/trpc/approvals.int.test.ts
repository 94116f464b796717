import { randomUUID } from 'node:crypto';
import type { RiskCheckVerdict } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { streamKey } from '../keys/key-table.ts';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const CHECKS: RiskCheckVerdict[] = [
  { check: 'max_drawdown', passed: true, reason_code: null, value: 0, limit: 0.2 },
  { check: 'gross_leverage', passed: true, reason_code: null, value: 0.4, limit: 3 },
];

/** Creates a pending record the way the engine does; returns the intent id. */
async function createPending(
  server: TestServer,
  clock: FakeClock,
  { ttlMs = 120_000, intentId = `intent-${randomUUID()}`, entryId = '1772442000000-3' } = {},
): Promise<string> {
  const intent = createStrategyIntent({ intent_id: intentId });
  await server.stores.approvals.create({
    intent,
    checks: CHECKS,
    expires_at: iso(clock.now() + ttlMs),
    created_at: iso(clock.now()),
    entry_id: entryId,
    approval_mode: 'manual',
    status: 'pending',
  });
  return intent.intent_id;
}

/** The approval commands on the stream, decoded. */
async function commands(server: TestServer): Promise<Record<string, unknown>[]> {
  const entries = await server.redis.xrange(streamKey(server.prefix, 'intent.approval'), '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? 'null') as Record<string, unknown>);
}

describe('approvals router', () => {
  describe('when an intent is pending', () => {
    it('lists it with its checks and expiry', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);

      const pending = await server.client.approvals.pending.query();

      expect(pending).toEqual([
        {
          intent: expect.objectContaining({ intent_id: intentId }),
          checks: CHECKS,
          expires_at: iso(clock.now() + 120_000),
          created_at: iso(clock.now()),
          entry_id: '1772442000000-3',
          status: 'pending',
          four_eyes: null,
        },
      ]);
    });
  });

  describe('when intents of one batch expire in the same millisecond', () => {
    it('lists them in the order they arrived on strategy.intent', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      // Ids in the reverse order of arrival: the pending set alone would list them by id
      const tag = randomUUID();
      await createPending(server, clock, { intentId: `c-${tag}`, entryId: '1772442000000-1' });
      await createPending(server, clock, { intentId: `b-${tag}`, entryId: '1772442000000-2' });
      await createPending(server, clock, { intentId: `a-${tag}`, entryId: '1772442000001-0' });

      const pending = await server.client.approvals.pending.query();

      expect(pending.map((p) => p.intent.intent_id)).toEqual([`c-${tag}`, `b-${tag}`, `a-${tag}`]);
    });
  });

  describe('when a trader approves a pending intent', () => {
    it('publishes one intent.approval command by that user and is idempotent', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);
      await server.signIn('alice');

      const first = await server.client.approvals.approve.mutate({ intent_id: intentId });
      const again = await server.client.approvals.approve.mutate({ intent_id: intentId });

      expect(first).toEqual({ intent_id: intentId, command_id: expect.any(String) });
      expect(again.command_id).toBe(first.command_id);
      expect(await commands(server)).toEqual([
        expect.objectContaining({
          command_id: first.command_id,
          intent_id: intentId,
          command: 'approve',
          requested_by: 'alice',
          reason: null,
          timestamp: iso(clock.now()),
        }),
      ]);
      expect(await server.client.approvals.pending.query()).toEqual([]);
    });
  });

  describe('when a request names another user in the retired x-gamma-user header', () => {
    it('records the signed-in user all the same', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);
      const carol = await server.createClient({ user: 'carol' });

      const response = await fetch(`${server.url}/trpc/approvals.veto`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: carol.cookie() ?? '', 'x-gamma-user': 'desk' },
        body: JSON.stringify({ intent_id: intentId, reason: '  too close to expiry  ' }),
      });

      expect(response.status).toBe(200);
      expect(await commands(server)).toEqual([
        expect.objectContaining({ command: 'veto', requested_by: 'carol', reason: 'too close to expiry' }),
      ]);
    });
  });

  describe('when the intent is unknown', () => {
    it('fails with NOT_FOUND and writes nothing', async () => {
      await using server = await startTestServer();

      const approve = server.client.approvals.approve.mutate({ intent_id: 'missing' });

      await expect(approve).rejects.toMatchObject({ data: { code: 'NOT_FOUND', httpStatus: 404 } });
      expect(await commands(server)).toEqual([]);
    });
  });

  describe('when the intent was already decided by another command', () => {
    it('fails with CONFLICT naming the current status and writes nothing more', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);
      await server.signIn('alice');
      await server.client.approvals.approve.mutate({ intent_id: intentId });

      const veto = server.client.approvals.veto.mutate({ intent_id: intentId, reason: 'changed my mind' });

      await expect(veto).rejects.toMatchObject({
        message: expect.stringMatching(/already approved by alice/),
        data: { code: 'CONFLICT', httpStatus: 409 },
      });
      expect(await commands(server)).toHaveLength(1);
    });
  });

  describe('when another user repeats an approval', () => {
    it('fails with CONFLICT', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);
      await server.signIn('alice');
      await server.client.approvals.approve.mutate({ intent_id: intentId });
      await server.signIn('bob');

      const approve = server.client.approvals.approve.mutate({ intent_id: intentId });

      await expect(approve).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
      expect(await commands(server)).toHaveLength(1);
    });
  });

  describe('when the approval has expired', () => {
    it('fails with CONFLICT and writes nothing', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock, { ttlMs: 1000 });
      clock.advance(1000);

      const approve = server.client.approvals.approve.mutate({ intent_id: intentId });

      await expect(approve).rejects.toMatchObject({
        message: expect.stringMatching(/expired/),
        data: { code: 'CONFLICT' },
      });
      expect(await commands(server)).toEqual([]);
    });
  });

  describe.each([
    ['missing', {}],
    ['blank', { reason: '   ' }],
  ])('when a veto reason is %s', (_label, extra) => {
    it('fails with BAD_REQUEST and a zodError on reason, and nothing changes', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intentId = await createPending(server, clock);

      const veto = server.client.approvals.veto.mutate({ intent_id: intentId, ...extra } as never);

      await expect(veto).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST', zodError: { fieldErrors: { reason: expect.any(Array) } } },
      });
      expect(await commands(server)).toEqual([]);
      expect(await server.client.approvals.pending.query()).toHaveLength(1);
    });
  });
});

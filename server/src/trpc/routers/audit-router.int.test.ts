import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AuditRow, AuditStore } from '../../audit/audit-store.ts';
import { acquireAuditStore } from '../../audit/open-audit-store.ts';
import { startTestServer } from '../../testing/start-test-server.ts';

// The in-memory embedded store, held as the recorder would hold it in the gateway's process
let store: AuditStore;
beforeAll(async () => {
  store = await acquireAuditStore({ dataDir: 'memory://' });
});
afterAll(() => store.close());

const row = (
  stream: AuditRow['stream'],
  entryId: string,
  { intentId, ...fields }: { intentId: string } & Record<string, unknown>,
): AuditRow => ({
  stream,
  entry_id: entryId,
  ts: new Date(Number(entryId.split('-')[0])).toISOString(),
  intent_id: intentId,
  client_order_id: typeof fields.client_order_id === 'string' ? fields.client_order_id : null,
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  message: { intent_id: intentId, ...fields },
});

describe('audit procedures', () => {
  describe('when the gateway shares the process with the embedded audit store', () => {
    it('explains an intent from the audit store although the streams no longer hold it', async () => {
      const intentId = `i-${randomUUID()}`;
      await store.insert([
        row('order.fill', '1772442906000-0', { intentId }),
        row('intent.decision', '1772442905000-0', { intentId }),
        row('strategy.intent', '1772442905000-0', { intentId }),
      ]);
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const { nodes } = await server.client.intents.explain.query({ intent_id: intentId });
      expect(nodes.map((n) => `${n.stream}@${n.entry_id}`)).toEqual([
        'strategy.intent@1772442905000-0',
        'intent.decision@1772442905000-0',
        'order.fill@1772442906000-0',
      ]);
      expect(nodes[0]?.timestamp).toBe('2026-03-02T09:15:05.000Z');
    });

    it('times each hop of a manually approved straddle, the approval command included', async () => {
      const intentId = `i-${randomUUID()}`;
      const leg = (n: number) => ({ client_order_id: `${intentId}-${n}` });
      await store.insert([
        row('strategy.intent', '1772443905000-0', { intentId }),
        row('intent.decision', '1772443905006-0', { intentId, status: 'pending_approval' }),
        row('intent.approval', '1772443917500-0', { intentId, command: 'approve', command_id: 'c-1' }),
        row('intent.decision', '1772443917510-0', { intentId, status: 'approved' }),
        row('execution.command', '1772443917511-0', { intentId }),
        row('order.command', '1772443917690-0', { intentId, ...leg(0) }),
        row('order.command', '1772443917690-1', { intentId, ...leg(1) }),
        row('order.fill', '1772443917702-0', { intentId, ...leg(1) }),
        row('order.fill', '1772443917705-0', { intentId, ...leg(0) }),
      ]);
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const { nodes, hops } = await server.client.intents.explain.query({ intent_id: intentId });
      expect(nodes.map((n) => n.stream)).not.toContain('intent.approval');
      expect(hops).toEqual([
        { from: 'intent', to: 'decision:pending_approval', ms: 6 },
        { from: 'decision:pending_approval', to: 'approval', ms: 12_494 },
        { from: 'approval', to: 'decision:approved', ms: 10 },
        { from: 'decision:approved', to: 'command', ms: 1 },
        { from: 'command', to: `order:${intentId}-0`, ms: 179 },
        { from: 'command', to: `order:${intentId}-1`, ms: 179 },
        { from: `order:${intentId}-1`, to: `fill:${intentId}-1`, ms: 12 },
        { from: `order:${intentId}-0`, to: `fill:${intentId}-0`, ms: 15 },
      ]);
    });

    it('completes the audit chain with what only the read model has seen yet, once each', async () => {
      const intentId = `i-${randomUUID()}`;
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const base = { strategy_id: 'grid_btc', symbol: 'BTC/USDT', action: 'buy', metadata: {} };
      const intentEntry = await server.bus.publish('strategy.intent', {
        ...base,
        intent_id: intentId,
        intent_type: 'grid_rebalance',
        timestamp: '2026-03-02T09:15:04.120Z',
      });
      await server.bus.publish('intent.decision', {
        ...base,
        decision_id: `${intentId}:vetoed`,
        intent_id: intentId,
        status: 'vetoed',
        decided_by: 'risk_service',
        approval_mode: 'manual',
        timestamp: '2026-03-02T09:15:04.130Z',
      });
      // The recorder has written the intent but not yet the decision
      await store.insert([row('strategy.intent', intentEntry, { intentId })]);
      await expect
        .poll(async () =>
          (await server.client.intents.explain.query({ intent_id: intentId })).nodes.map((n) => n.stream),
        )
        .toEqual(['strategy.intent', 'intent.decision']);
    });

    it('answers NOT_FOUND for an intent neither the store nor the streams know', async () => {
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const error = await server.client.intents.explain
        .query({ intent_id: 'nobody' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists events by intent, stream and time range, oldest first', async () => {
      const intentId = `i-${randomUUID()}`;
      await store.insert([
        row('strategy.intent', '1772442801000-0', { intentId }),
        row('intent.decision', '1772442802000-0', { intentId }),
        row('order.fill', '1772442803000-0', { intentId }),
      ]);
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const all = await server.client.audit.events.query({ intent_id: intentId });
      expect(all.map((r) => r.stream)).toEqual(['strategy.intent', 'intent.decision', 'order.fill']);
      const window = await server.client.audit.events.query({
        intent_id: intentId,
        from: '2026-03-02T09:13:22Z',
        to: '2026-03-02T09:13:23.000Z',
      });
      expect(window.map((r) => r.stream)).toEqual(['intent.decision']);
      const fills = await server.client.audit.events.query({
        intent_id: intentId,
        stream: 'order.fill',
        limit: 1,
      });
      expect(fills).toEqual([row('order.fill', '1772442803000-0', { intentId })]);
    });

    it('rejects an unknown stream and a bad time with BAD_REQUEST', async () => {
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      for (const input of [{ stream: 'market.macro' }, { from: 'yesterday' }, { limit: 0 }]) {
        const error = await server.client.audit.events
          .query(input as Parameters<typeof server.client.audit.events.query>[0])
          .catch((e: unknown) => e);
        expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'BAD_REQUEST' });
      }
    });
  });

  describe('when the gateway has no audit store', () => {
    it('answers audit.events with PRECONDITION_FAILED naming what to set', async () => {
      // An embedded database of its own (the accounts' only): no recorder holds an audit store on it
      const dataDir = await mkdtemp(join(tmpdir(), 'gamma-no-audit-'));
      onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
      await using server = await startTestServer({ env: { DATA_DIR: dataDir } });
      const error = await server.client.audit.events.query({}).catch((e: unknown) => e);
      expect((error as TRPCClientError<never>).data).toMatchObject({
        code: 'PRECONDITION_FAILED',
        httpStatus: 412,
      });
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    });
  });
});

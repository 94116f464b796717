import type { IntentApprovalCommand } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRecord, ApprovalStore, ClaimInput } from './approval-store.ts';

/** An approval store prepared for the contract suite. */
export interface ApprovalStoreUnderTest {
  store: ApprovalStore;
  /** The commands published on `intent.approval`, oldest first */
  commands(): Promise<IntentApprovalCommand[]>;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** The fixtures' creation time, epoch ms. */
export const T0 = Date.parse('2026-03-02T09:15:04.120Z');
/** The fixtures' approval TTL. */
export const TTL_MS = 120_000;

/** A valid intent, as an approval record holds it (a reference price with all its digits, to see it kept). */
const intent = (intentId: string) =>
  createStrategyIntent({
    intent_id: intentId,
    metadata: { reference_price: 100250.123456789 },
    timestamp: new Date(T0).toISOString(),
  });

/** A pending record of an intent created at `createdMs`. */
export const record = (intentId: string, createdMs = T0): ApprovalRecord => ({
  intent: intent(intentId),
  checks: [{ check: 'drawdown', passed: true, reason_code: null, value: 0.1 + 0.2, limit: 0.2 }],
  expires_at: new Date(createdMs + TTL_MS).toISOString(),
  created_at: new Date(createdMs).toISOString(),
  approval_mode: 'manual',
  status: 'pending',
});

/** The rule of the four-eyes fixtures. */
export const STRADDLE_RULE = { rule: 'action', detail: 'sell_straddle is unbounded short gamma' } as const;

/** A pending record that needs two distinct approvers. */
export const fourEyesRecord = (intentId: string, createdMs = T0): ApprovalRecord => ({
  ...record(intentId, createdMs),
  four_eyes: { ...STRADDLE_RULE },
});

/** An approve by alice one second after T0, unless overridden. */
export const claimInput = (intentId: string, over: Partial<ClaimInput> = {}) => ({
  intentId,
  command: 'approve' as const,
  requestedBy: 'alice',
  reason: null,
  commandId: randomUUID(),
  nowMs: T0 + 1000,
  ...over,
});

/**
 * The approval state machine every `ApprovalStore` shares (SPEC §5.3 items 4–8): create, list, claim,
 * repeat, conflict, expiry and completion. Each adapter's test file calls it with a factory.
 */
export function describeApprovalStoreContract(
  name: string,
  makeStore: () => Promise<ApprovalStoreUnderTest>,
): void {
  describe(`${name} (approval store contract)`, () => {
    let harness: ApprovalStoreUnderTest;
    let store: ApprovalStore;
    const commands = () => harness.commands();

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(() => harness.dispose());

    describe('when a record is created', () => {
      it('round-trips the record exactly and lists it as pending', async () => {
        const r = record('i-1');
        expect(await store.create(r)).toBe(true);
        expect(await store.get('i-1')).toEqual(r);
        expect(await store.listPending()).toEqual([r]);
      });

      it('refuses a second record for the same intent and keeps the first', async () => {
        expect(await store.create(record('i-1'))).toBe(true);
        expect(await store.create({ ...record('i-1'), approval_mode: 'auto' })).toBe(false);
        expect((await store.get('i-1'))?.approval_mode).toBe('manual');
      });

      it('lists pending records by expiry, oldest first, and omits claimed ones', async () => {
        await store.create(record('late', T0 + 5000));
        await store.create(record('early', T0));
        await store.create(record('claimed', T0 + 1000));
        await store.claim(claimInput('claimed'));
        expect((await store.listPending()).map((r) => r.intent.intent_id)).toEqual(['early', 'late']);
      });
    });

    describe('when a pending record is claimed', () => {
      it('marks it claimed and publishes one valid approval command', async () => {
        await store.create(record('i-1'));
        const result = await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        expect(result).toEqual({ ok: true, command_id: 'cmd-1', repeated: false, stage: 'final' });
        const r = await store.get('i-1');
        expect(r).toMatchObject({
          status: 'claimed',
          command: 'approve',
          command_id: 'cmd-1',
          claimed_by: 'alice',
        });
        expect(r?.reason).toBeNull();
        expect(await commands()).toEqual([
          {
            command_id: 'cmd-1',
            intent_id: 'i-1',
            command: 'approve',
            requested_by: 'alice',
            reason: null,
            timestamp: new Date(T0 + 1000).toISOString(),
            metadata: {},
          },
        ]);
      });

      it('stores the veto reason', async () => {
        await store.create(record('i-1'));
        await store.claim(claimInput('i-1', { command: 'veto', reason: 'too big' }));
        expect(await store.get('i-1')).toMatchObject({
          status: 'claimed',
          command: 'veto',
          reason: 'too big',
        });
        expect((await commands())[0]?.reason).toBe('too big');
      });

      it('answers a repeat by the same user with the original command id and writes nothing', async () => {
        await store.create(record('i-1'));
        await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        const again = await store.claim(claimInput('i-1', { commandId: 'cmd-2' }));
        expect(again).toEqual({ ok: true, command_id: 'cmd-1', repeated: true, stage: 'final' });
        expect(await commands()).toHaveLength(1);
      });

      it('conflicts for another user or the other command', async () => {
        await store.create(record('i-1'));
        await store.claim(claimInput('i-1'));
        expect(await store.claim(claimInput('i-1', { requestedBy: 'bob' }))).toEqual({
          ok: false,
          code: 'CONFLICT',
          status: 'claimed',
        });
        expect(await store.claim(claimInput('i-1', { command: 'veto', reason: 'no' }))).toMatchObject({
          ok: false,
          code: 'CONFLICT',
        });
        expect(await commands()).toHaveLength(1);
      });
    });

    describe('when a four-eyes record is approved', () => {
      it('round-trips the rule and lists the record as pending', async () => {
        const r = fourEyesRecord('i-1');
        await store.create(r);
        expect(await store.get('i-1')).toEqual(r);
        expect(await store.listPending()).toEqual([r]);
      });

      it('moves the first approve to awaiting_second, keeps it listed at the same expiry, publishes stage first', async () => {
        await store.create(fourEyesRecord('i-1'));
        const result = await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        expect(result).toEqual({ ok: true, command_id: 'cmd-1', repeated: false, stage: 'first' });
        const r = await store.get('i-1');
        expect(r).toMatchObject({
          status: 'awaiting_second',
          first_approved_by: 'alice',
          first_command_id: 'cmd-1',
          expires_at: new Date(T0 + TTL_MS).toISOString(),
        });
        expect(r?.command).toBeUndefined();
        expect(r?.claimed_by).toBeUndefined();
        expect((await store.listPending()).map((p) => [p.intent.intent_id, p.status])).toEqual([
          ['i-1', 'awaiting_second'],
        ]);
        expect(await store.dueForExpiry(T0 + TTL_MS)).toEqual(['i-1']);
        expect(await commands()).toEqual([
          {
            command_id: 'cmd-1',
            intent_id: 'i-1',
            command: 'approve',
            requested_by: 'alice',
            reason: null,
            timestamp: new Date(T0 + 1000).toISOString(),
            metadata: { stage: 'first' },
          },
        ]);
      });

      it('claims it for a second, distinct approver and keeps the first', async () => {
        await store.create(fourEyesRecord('i-1'));
        await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        const second = await store.claim(claimInput('i-1', { requestedBy: 'bob', commandId: 'cmd-2' }));
        expect(second).toEqual({ ok: true, command_id: 'cmd-2', repeated: false, stage: 'final' });
        expect(await store.get('i-1')).toMatchObject({
          status: 'claimed',
          command: 'approve',
          command_id: 'cmd-2',
          claimed_by: 'bob',
          first_approved_by: 'alice',
          first_command_id: 'cmd-1',
        });
        expect(await store.listPending()).toEqual([]);
        expect((await commands()).map((c) => [c.command_id, c.requested_by, c.metadata])).toEqual([
          ['cmd-1', 'alice', { stage: 'first' }],
          ['cmd-2', 'bob', {}],
        ]);
        // The second approver's repeat is idempotent; the first approver's is a conflict
        expect(await store.claim(claimInput('i-1', { requestedBy: 'bob' }))).toEqual({
          ok: true,
          command_id: 'cmd-2',
          repeated: true,
          stage: 'final',
        });
        expect(await store.claim(claimInput('i-1'))).toMatchObject({ ok: false, code: 'CONFLICT' });
        expect(await commands()).toHaveLength(2);
      });

      it('refuses the same user twice, naming it, and changes nothing', async () => {
        await store.create(fourEyesRecord('i-1'));
        await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        const before = await store.get('i-1');
        expect(await store.claim(claimInput('i-1', { commandId: 'cmd-2' }))).toEqual({
          ok: false,
          code: 'CONFLICT',
          status: 'awaiting_second',
          same_approver: true,
        });
        expect(await store.get('i-1')).toEqual(before);
        expect(await commands()).toHaveLength(1);
      });

      it('lets a veto by either approver or anyone else end it', async () => {
        for (const [id, by] of [
          ['v-first', 'alice'],
          ['v-other', 'carol'],
        ] as const) {
          await store.create(fourEyesRecord(id));
          await store.claim(claimInput(id));
          const veto = await store.claim(claimInput(id, { requestedBy: by, command: 'veto', reason: 'no' }));
          expect(veto).toMatchObject({ ok: true, repeated: false, stage: 'final' });
          expect(await store.get(id)).toMatchObject({ status: 'claimed', command: 'veto', claimed_by: by });
        }
        // A veto before any approve claims it directly
        await store.create(fourEyesRecord('v-before'));
        expect(await store.claim(claimInput('v-before', { command: 'veto', reason: 'no' }))).toMatchObject({
          ok: true,
          stage: 'final',
        });
      });

      it('expires it while awaiting the second approver, at the same expires_at', async () => {
        await store.create(fourEyesRecord('i-1'));
        await store.claim(claimInput('i-1'));
        expect(await store.expire('i-1', T0 + TTL_MS - 1)).toBe(false);
        expect(await store.claim(claimInput('i-1', { requestedBy: 'bob', nowMs: T0 + TTL_MS }))).toEqual({
          ok: false,
          code: 'CONFLICT',
          status: 'expired',
        });
        expect(await store.expire('i-1', T0 + TTL_MS)).toBe(true);
        await store.expiryPublished('i-1');
        expect((await store.get('i-1'))?.status).toBe('expired');
        expect(await store.listPending()).toEqual([]);
        expect(await commands()).toHaveLength(1);
      });
    });

    describe('when the claim cannot happen', () => {
      it('returns NOT_FOUND for an unknown intent and writes nothing', async () => {
        expect(await store.claim(claimInput('nope'))).toEqual({ ok: false, code: 'NOT_FOUND' });
        expect(await commands()).toHaveLength(0);
        expect(await store.get('nope')).toBeNull();
      });

      it('conflicts at or after expires_at, even before the sweep, and leaves the record pending', async () => {
        await store.create(record('i-1'));
        const result = await store.claim(claimInput('i-1', { nowMs: T0 + TTL_MS }));
        expect(result).toEqual({ ok: false, code: 'CONFLICT', status: 'expired' });
        expect((await store.get('i-1'))?.status).toBe('pending');
        expect(await commands()).toHaveLength(0);
      });

      it('rejects a veto without a reason before touching anything', async () => {
        await store.create(record('i-1'));
        await expect(store.claim(claimInput('i-1', { command: 'veto', reason: '  ' }))).rejects.toThrow();
        expect((await store.get('i-1'))?.status).toBe('pending');
      });
    });

    describe('when the sweep expires records', () => {
      it('expires only at or after expires_at, and keeps it due until its decision is published', async () => {
        await store.create(record('i-1'));
        expect(await store.expire('i-1', T0 + TTL_MS - 1)).toBe(false);
        expect(await store.dueForExpiry(T0 + TTL_MS - 1)).toEqual([]);
        expect(await store.dueForExpiry(T0 + TTL_MS)).toEqual(['i-1']);
        expect(await store.expire('i-1', T0 + TTL_MS)).toBe(true);
        // A sweep killed before publishing: the next sweep finds it again
        expect(await store.dueForExpiry(T0 + TTL_MS + 1)).toEqual(['i-1']);
        expect(await store.expire('i-1', T0 + TTL_MS + 1)).toBe(true);
        await store.expiryPublished('i-1');
        expect(await store.dueForExpiry(T0 + TTL_MS + 2)).toEqual([]);
        expect(await store.expire('i-1', T0 + TTL_MS + 2)).toBe(false);
        expect((await store.get('i-1'))?.status).toBe('expired');
        expect(await store.listPending()).toEqual([]);
        expect(await store.claim(claimInput('i-1', { nowMs: T0 + TTL_MS + 1 }))).toMatchObject({
          code: 'CONFLICT',
        });
      });

      it('lists the records due, oldest expiry first', async () => {
        await store.create(record('late', T0 + 5000));
        await store.create(record('early', T0));
        await store.create(record('not-yet', T0 + 10_000));
        expect(await store.dueForExpiry(T0 + 5000 + TTL_MS)).toEqual(['early', 'late']);
      });

      it('does not expire a claimed record', async () => {
        await store.create(record('i-1'));
        await store.claim(claimInput('i-1'));
        expect(await store.expire('i-1', T0 + TTL_MS * 2)).toBe(false);
        expect((await store.get('i-1'))?.status).toBe('claimed');
      });
    });

    describe('when a claimed record is marked done', () => {
      it('moves claimed to done and still answers a repeat as repeated', async () => {
        await store.create(record('i-1'));
        await store.claim(claimInput('i-1', { commandId: 'cmd-1' }));
        await store.markDone('i-1');
        expect((await store.get('i-1'))?.status).toBe('done');
        expect(await store.claim(claimInput('i-1'))).toEqual({
          ok: true,
          command_id: 'cmd-1',
          repeated: true,
          stage: 'final',
        });
      });

      it('leaves an expired record expired', async () => {
        await store.create(record('i-1'));
        await store.expire('i-1', T0 + TTL_MS);
        await store.markDone('i-1');
        expect((await store.get('i-1'))?.status).toBe('expired');
      });
    });
  });
}

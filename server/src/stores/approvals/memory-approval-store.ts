import { claimStep, isOpenApproval, nextApprovalStatus } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { approvalCommand, recordTimeMs } from './approval-rules.ts';
import type { ApprovalRecord, ApprovalStore, ClaimInput, ClaimResult } from './approval-store.ts';

/**
 * The approval store in memory, with the same state machine as the Redis one (unit tests; one process):
 * a claim publishes the IntentApprovalCommand on the bus.
 */
export class MemoryApprovalStore implements ApprovalStore {
  private readonly records = new Map<string, ApprovalRecord>();
  /** Expired records whose decision is not published yet */
  private readonly unpublished = new Set<string>();

  constructor(private readonly bus: Bus) {}

  create(record: ApprovalRecord): Promise<boolean> {
    recordTimeMs(record.expires_at, 'expires_at');
    recordTimeMs(record.created_at, 'created_at');
    if (this.records.has(record.intent.intent_id)) return Promise.resolve(false);
    this.records.set(record.intent.intent_id, structuredClone(record));
    return Promise.resolve(true);
  }

  get(intentId: string): Promise<ApprovalRecord | null> {
    const r = this.records.get(intentId);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  listPending(): Promise<ApprovalRecord[]> {
    const pending = [...this.records.values()].filter((r) => isOpenApproval(r.status));
    pending.sort((a, b) => Date.parse(a.expires_at) - Date.parse(b.expires_at));
    return Promise.resolve(pending.map((r) => structuredClone(r)));
  }

  async claim(input: ClaimInput): Promise<ClaimResult> {
    const message = approvalCommand(input);
    const r = this.records.get(input.intentId);
    if (!r) return { ok: false, code: 'NOT_FOUND' };
    const step = claimStep(r, { command: input.command, user: input.requestedBy }, input.nowMs);
    switch (step.kind) {
      case 'repeated':
        return { ok: true, command_id: r.command_id ?? input.commandId, repeated: true, stage: 'final' };
      case 'conflict':
        return {
          ok: false,
          code: 'CONFLICT',
          status: step.status,
          ...(step.same_approver ? { same_approver: true } : {}),
        };
      case 'first_approval':
        Object.assign(r, {
          status: 'awaiting_second',
          first_approved_by: input.requestedBy,
          first_command_id: input.commandId,
        });
        await this.bus.publish('intent.approval', approvalCommand(input, 'first'));
        return { ok: true, command_id: input.commandId, repeated: false, stage: 'first' };
      case 'claim':
        Object.assign(r, {
          status: 'claimed',
          command: input.command,
          command_id: input.commandId,
          claimed_by: input.requestedBy,
          reason: input.reason,
        });
        await this.bus.publish('intent.approval', message);
        return { ok: true, command_id: input.commandId, repeated: false, stage: 'final' };
    }
  }

  expire(intentId: string, nowMs: number): Promise<boolean> {
    if (this.unpublished.has(intentId)) return Promise.resolve(true);
    const r = this.records.get(intentId);
    const expired = r ? nextApprovalStatus(r, 'expire', nowMs) : null;
    if (!r || expired === null) return Promise.resolve(false);
    r.status = expired;
    this.unpublished.add(intentId);
    return Promise.resolve(true);
  }

  expiryPublished(intentId: string): Promise<void> {
    this.unpublished.delete(intentId);
    return Promise.resolve();
  }

  markDone(intentId: string): Promise<void> {
    const r = this.records.get(intentId);
    // Completion does not depend on the time
    const done = r ? nextApprovalStatus(r, 'complete', 0) : null;
    if (r && done !== null) r.status = done;
    return Promise.resolve();
  }

  dueForExpiry(nowMs: number): Promise<string[]> {
    return Promise.resolve(
      [...this.records.values()]
        .filter(
          (r) => nextApprovalStatus(r, 'expire', nowMs) !== null || this.unpublished.has(r.intent.intent_id),
        )
        .sort((a, b) => Date.parse(a.expires_at) - Date.parse(b.expires_at))
        .map((r) => r.intent.intent_id),
    );
  }
}

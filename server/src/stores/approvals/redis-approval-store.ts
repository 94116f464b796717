import type { RedisClient } from '../../bus/redis.ts';
import { maxLenOf, type StreamCaps } from '../../bus/stream-caps.ts';
import {
  FourEyesRuleSchema,
  isOpenApproval,
  RiskCheckVerdictSchema,
  StrategyIntentEventSchema,
} from '@gamma/shared';
import { z } from 'zod';
import { keyTable, SCRIPT_KEYS, type KeyTable } from '../../keys/key-table.ts';
import { scriptsOf, type Scripts } from '../scripts/scripts.ts';
import { approvalCommand, isApprovalStatus, recordTimeMs } from './approval-rules.ts';
import type { ApprovalRecord, ApprovalStore, ClaimInput, ClaimResult } from './approval-store.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { INTENT_MEMORY_TTL_S } from '../once/once-marks.ts';

const BodySchema = z.object({
  intent: StrategyIntentEventSchema,
  checks: z.array(RiskCheckVerdictSchema),
  expires_at: z.string(),
  created_at: z.string(),
  /** Absent in records written before it */
  entry_id: z.string().optional(),
  approval_mode: z.enum(['manual', 'auto']),
  /** Absent in records written before four-eyes: one approver */
  four_eyes: FourEyesRuleSchema.nullable().optional(),
});

function decode(intentId: string, hash: Record<string, string>): ApprovalRecord {
  const { body, status, command, command_id, claimed_by, reason, first_approved_by, first_command_id } = hash;
  if (body === undefined || !isApprovalStatus(status)) {
    throw new InfrastructureError(`approval record ${intentId}: malformed (status ${String(status)})`);
  }
  const { four_eyes: fourEyes, entry_id: entryId, ...parsed } = BodySchema.parse(JSON.parse(body));
  const record: ApprovalRecord = { ...parsed, status };
  if (entryId !== undefined) record.entry_id = entryId;
  if (fourEyes != null) record.four_eyes = fourEyes;
  if (first_approved_by !== undefined) record.first_approved_by = first_approved_by;
  if (first_command_id !== undefined) record.first_command_id = first_command_id;
  if (command === 'approve' || command === 'veto') record.command = command;
  if (command_id !== undefined) record.command_id = command_id;
  if (claimed_by !== undefined) record.claimed_by = claimed_by;
  if (command !== undefined) record.reason = reason ?? null;
  return record;
}

function claimResult(reply: unknown, input: ClaimInput): ClaimResult {
  if (!Array.isArray(reply))
    throw new InfrastructureError(`approval claim: unexpected reply ${String(reply)}`);
  const [code, detail, why] = reply as [string, string | undefined, string | undefined];
  switch (code) {
    case 'OK':
      return { ok: true, command_id: input.commandId, repeated: false, stage: 'final' };
    case 'FIRST':
      return { ok: true, command_id: input.commandId, repeated: false, stage: 'first' };
    case 'REPEATED':
      return { ok: true, command_id: detail ?? input.commandId, repeated: true, stage: 'final' };
    case 'CONFLICT':
      return {
        ok: false,
        code: 'CONFLICT',
        ...(isApprovalStatus(detail) ? { status: detail } : {}),
        ...(why === 'same_approver' ? { same_approver: true } : {}),
      };
    case 'NOT_FOUND':
      return { ok: false, code: 'NOT_FOUND' };
    default:
      throw new InfrastructureError(`approval claim: unexpected reply ${code}`);
  }
}

/**
 * Pending approvals in Redis: a hash per intent and a sorted set of pending ids scored by expiry (keys in
 * `keys/key-table.ts`, one hash tag with the `intent.approval` stream). Create, claim, expiry and
 * completion are Lua scripts (`scripts/approval-*.lua`), so exactly one of approve, veto and expiry wins
 * (SPEC §5.3 item 5).
 */
export class RedisApprovalStore implements ApprovalStore {
  private readonly redis: RedisClient;
  private readonly keys: KeyTable;
  private readonly maxLen: number;
  private readonly scripts: Scripts;

  constructor(redis: RedisClient, options: { prefix: string } & StreamCaps) {
    this.redis = redis;
    this.keys = keyTable(options.prefix);
    this.maxLen = maxLenOf(options, 'intent.approval');
    this.scripts = scriptsOf(redis);
  }

  async create(record: ApprovalRecord): Promise<boolean> {
    const expiresMs = recordTimeMs(record.expires_at, 'expires_at');
    recordTimeMs(record.created_at, 'created_at');
    const body = JSON.stringify({
      intent: record.intent,
      checks: record.checks,
      expires_at: record.expires_at,
      created_at: record.created_at,
      ...(record.entry_id === undefined ? {} : { entry_id: record.entry_id }),
      approval_mode: record.approval_mode,
      ...(record.four_eyes == null ? {} : { four_eyes: record.four_eyes }),
    });
    const id = record.intent.intent_id;
    const created = await this.scripts.approvalCreate(SCRIPT_KEYS.approvalCreate(this.keys, id), [
      id,
      body,
      record.status,
      String(expiresMs),
      String(INTENT_MEMORY_TTL_S),
      record.four_eyes == null ? '0' : '1',
    ]);
    return created === 1;
  }

  async get(intentId: string): Promise<ApprovalRecord | null> {
    const hash = await this.redis.hgetall(this.keys.approval(intentId));
    return Object.keys(hash).length === 0 ? null : decode(intentId, hash);
  }

  async listPending(): Promise<ApprovalRecord[]> {
    const ids = await this.redis.zrange(this.keys.pendingApprovals(), 0, -1);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is ApprovalRecord => r !== null && isOpenApproval(r.status));
  }

  /**
   * The claim script also XADDs the command (`data` = JSON, MAXLEN ~) to `<prefix>:intent.approval`: as
   * given, or with `metadata.stage` `first` when it is a four-eyes record's first approve.
   */
  async claim(input: ClaimInput): Promise<ClaimResult> {
    const message = approvalCommand(input);
    const first = approvalCommand(input, 'first');
    const reply = await this.scripts.approvalClaim(SCRIPT_KEYS.approvalClaim(this.keys, input.intentId), [
      input.intentId,
      input.command,
      input.requestedBy,
      input.reason === null ? '0' : '1',
      input.reason ?? '',
      input.commandId,
      String(input.nowMs),
      String(this.maxLen),
      JSON.stringify(message),
      JSON.stringify(first),
    ]);
    return claimResult(reply, input);
  }

  async expire(intentId: string, nowMs: number): Promise<boolean> {
    const keys = SCRIPT_KEYS.approvalExpire(this.keys, intentId);
    return (await this.scripts.approvalExpire(keys, [intentId, String(nowMs)])) === 1;
  }

  async expiryPublished(intentId: string): Promise<void> {
    await this.redis.zrem(this.keys.pendingApprovals(), intentId);
  }

  async markDone(intentId: string): Promise<void> {
    await this.scripts.approvalMarkDone(SCRIPT_KEYS.approvalMarkDone(this.keys, intentId), [intentId]);
  }

  async dueForExpiry(nowMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.pendingApprovals(), '-inf', nowMs);
  }
}

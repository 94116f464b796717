import type { Redis } from 'ioredis';
import {
  IntentApprovalCommandSchema,
  RiskCheckVerdictSchema,
  StrategyIntentEventSchema,
  type IntentApprovalCommand,
  type RiskCheckVerdict,
  type StrategyIntentEvent,
} from '@gamma/shared';
import { z } from 'zod';
import { recordKey, streamKey } from './keys.ts';
import { CLAIM_SCRIPT, CREATE_SCRIPT, EXPIRE_SCRIPT, MARK_DONE_SCRIPT } from './scripts/approval-scripts.ts';

/** A pending-approval record (SPEC §5.3 item 4): the single source of truth for pending approvals. */
export interface ApprovalRecord {
  intent: StrategyIntentEvent;
  checks: RiskCheckVerdict[];
  expires_at: string;
  created_at: string;
  approval_mode: 'manual' | 'auto';
  status: 'pending' | 'claimed' | 'expired' | 'done';
  command?: 'approve' | 'veto';
  command_id?: string;
  claimed_by?: string;
  reason?: string | null;
}

/** Outcome of {@link ApprovalStore.claim}. */
export type ClaimResult =
  | { ok: true; command_id: string; repeated: boolean }
  | { ok: false; code: 'NOT_FOUND' | 'CONFLICT'; status?: ApprovalRecord['status'] };

/** Input of {@link ApprovalStore.claim}. */
export interface ClaimInput {
  intentId: string;
  command: 'approve' | 'veto';
  requestedBy: string;
  reason: string | null;
  commandId: string;
  nowMs: number;
}

/** Records are kept this long after creation (the intent dedupe window of SPEC §5.2). */
const RECORD_TTL_S = 7 * 24 * 3600;

const STATUSES = ['pending', 'claimed', 'expired', 'done'] as const;

const BodySchema = z.object({
  intent: StrategyIntentEventSchema,
  checks: z.array(RiskCheckVerdictSchema),
  expires_at: z.string(),
  created_at: z.string(),
  approval_mode: z.enum(['manual', 'auto']),
});

const isStatus = (value: unknown): value is ApprovalRecord['status'] =>
  typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

const parseMs = (iso: string, field: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`approval record: ${field} is not an ISO timestamp: ${iso}`);
  return ms;
};

/**
 * Pending approvals in Redis: a hash per intent at `<prefix>:approval:<intent_id>` and a sorted set
 * `<prefix>:approvals:pending` scored by expiry (ms). Claim, expiry and completion are Lua scripts, so
 * exactly one of approve, veto and expiry wins (SPEC §5.3 item 5).
 */
export class ApprovalStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly maxLen: number;

  constructor(redis: Redis, options: { prefix: string; maxLen: number }) {
    this.redis = redis;
    this.prefix = options.prefix;
    this.maxLen = options.maxLen;
  }

  /** The hash key of an intent's record. */
  recordKey(intentId: string): string {
    return recordKey(this.prefix, 'approval', intentId);
  }

  /** The sorted set of pending intent ids, scored by expiry. */
  pendingKey(): string {
    return recordKey(this.prefix, 'approvals', 'pending');
  }

  /** Stores a new record; false if one exists for that intent (idempotent intake). */
  async create(record: ApprovalRecord): Promise<boolean> {
    const expiresMs = parseMs(record.expires_at, 'expires_at');
    parseMs(record.created_at, 'created_at');
    const body = JSON.stringify({
      intent: record.intent,
      checks: record.checks,
      expires_at: record.expires_at,
      created_at: record.created_at,
      approval_mode: record.approval_mode,
    });
    const created = await this.redis.eval(
      CREATE_SCRIPT,
      2,
      this.recordKey(record.intent.intent_id),
      this.pendingKey(),
      record.intent.intent_id,
      body,
      record.status,
      String(expiresMs),
      String(RECORD_TTL_S),
    );
    return created === 1;
  }

  /** The record of an intent, or null. */
  async get(intentId: string): Promise<ApprovalRecord | null> {
    const hash = await this.redis.hgetall(this.recordKey(intentId));
    return Object.keys(hash).length === 0 ? null : this.decode(intentId, hash);
  }

  /** Records with status `pending` (expired-but-unswept included), oldest expiry first. */
  async listPending(): Promise<ApprovalRecord[]> {
    const ids = await this.redis.zrange(this.pendingKey(), 0, -1);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is ApprovalRecord => r !== null && r.status === 'pending');
  }

  /**
   * Atomic (one Lua script): pending and now < expires_at → claimed, and XADD the IntentApprovalCommand
   * (`data` = JSON, MAXLEN ~) to `<prefix>:intent.approval`. Same command by the same user on an already
   * claimed (or done) record → `{ ok: true, repeated: true, command_id: the original }` and nothing is
   * written. Otherwise not pending or expired → CONFLICT; no record → NOT_FOUND; nothing changes on
   * failure. Throws on an invalid command (e.g. a veto without a reason) before touching Redis.
   */
  async claim(input: ClaimInput): Promise<ClaimResult> {
    const message: IntentApprovalCommand = IntentApprovalCommandSchema.parse({
      command_id: input.commandId,
      intent_id: input.intentId,
      command: input.command,
      requested_by: input.requestedBy,
      reason: input.reason,
      timestamp: new Date(input.nowMs).toISOString(),
      metadata: {},
    });
    const reply = await this.redis.eval(
      CLAIM_SCRIPT,
      3,
      this.recordKey(input.intentId),
      this.pendingKey(),
      streamKey(this.prefix, 'intent.approval'),
      input.intentId,
      input.command,
      input.requestedBy,
      input.reason === null ? '0' : '1',
      input.reason ?? '',
      input.commandId,
      String(input.nowMs),
      String(this.maxLen),
      JSON.stringify(message),
    );
    if (!Array.isArray(reply)) throw new Error(`approval claim: unexpected reply ${String(reply)}`);
    const [code, detail] = reply as [string, string | undefined];
    switch (code) {
      case 'OK':
        return { ok: true, command_id: input.commandId, repeated: false };
      case 'REPEATED':
        return { ok: true, command_id: detail ?? input.commandId, repeated: true };
      case 'CONFLICT':
        return isStatus(detail)
          ? { ok: false, code: 'CONFLICT', status: detail }
          : { ok: false, code: 'CONFLICT' };
      case 'NOT_FOUND':
        return { ok: false, code: 'NOT_FOUND' };
      default:
        throw new Error(`approval claim: unexpected reply ${code}`);
    }
  }

  /** Atomic: pending and now ≥ expires_at → expired. Returns whether this call expired it. */
  async expire(intentId: string, nowMs: number): Promise<boolean> {
    const changed = await this.redis.eval(
      EXPIRE_SCRIPT,
      2,
      this.recordKey(intentId),
      this.pendingKey(),
      intentId,
      String(nowMs),
    );
    return changed === 1;
  }

  /** A claimed record becomes done (its command was handled); other statuses are left unchanged. */
  async markDone(intentId: string): Promise<void> {
    await this.redis.eval(MARK_DONE_SCRIPT, 2, this.recordKey(intentId), this.pendingKey(), intentId);
  }

  /** Ids of pending records whose expiry is at or before `nowMs` (the sweep's work list). */
  async dueForExpiry(nowMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.pendingKey(), '-inf', nowMs);
  }

  private decode(intentId: string, hash: Record<string, string>): ApprovalRecord {
    const { body, status, command, command_id, claimed_by, reason } = hash;
    if (body === undefined || !isStatus(status)) {
      throw new Error(`approval record ${intentId}: malformed (status ${String(status)})`);
    }
    const parsed = BodySchema.parse(JSON.parse(body));
    const record: ApprovalRecord = { ...parsed, status };
    if (command === 'approve' || command === 'veto') record.command = command;
    if (command_id !== undefined) record.command_id = command_id;
    if (claimed_by !== undefined) record.claimed_by = claimed_by;
    if (command !== undefined) record.reason = reason ?? null;
    return record;
  }
}

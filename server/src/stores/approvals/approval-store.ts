import type { ApprovalStatus, RiskCheckVerdict, StrategyIntentEvent } from '@gamma/shared';

/** A pending-approval record (SPEC §5.3 item 4): the single source of truth for pending approvals. */
export interface ApprovalRecord {
  intent: StrategyIntentEvent;
  checks: RiskCheckVerdict[];
  expires_at: string;
  created_at: string;
  approval_mode: 'manual' | 'auto';
  status: ApprovalStatus;
  command?: 'approve' | 'veto';
  command_id?: string;
  claimed_by?: string;
  reason?: string | null;
}

/** Outcome of {@link ApprovalStore.claim}. */
export type ClaimResult =
  | { ok: true; command_id: string; repeated: boolean }
  | { ok: false; code: 'NOT_FOUND' | 'CONFLICT'; status?: ApprovalStatus };

/** Input of {@link ApprovalStore.claim}. */
export interface ClaimInput {
  intentId: string;
  command: 'approve' | 'veto';
  requestedBy: string;
  reason: string | null;
  commandId: string;
  nowMs: number;
  /** The command's `metadata` (default `{}`): an engine veto names its reason code there */
  metadata?: Readonly<Record<string, unknown>>;
}

/**
 * Pending approvals and their state machine (SPEC §5.3 items 4–8): exactly one of approve, veto and
 * expiry wins a pending record.
 */
export interface ApprovalStore {
  /** Stores a new record; false if one exists for that intent (idempotent intake). */
  create(record: ApprovalRecord): Promise<boolean>;
  /** The record of an intent, or null. */
  get(intentId: string): Promise<ApprovalRecord | null>;
  /** Records with status `pending` (expired-but-unswept included), oldest expiry first. */
  listPending(): Promise<ApprovalRecord[]>;
  /**
   * Atomic: pending and now < expires_at → claimed, and the IntentApprovalCommand is published on
   * `intent.approval`. Same command by the same user on an already claimed (or done) record →
   * `{ ok: true, repeated: true, command_id: the original }` and nothing is written. Otherwise not pending
   * or expired → CONFLICT; no record → NOT_FOUND; nothing changes on failure. Throws on an invalid command
   * (e.g. a veto without a reason) before touching anything.
   */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /**
   * Atomic: pending and now ≥ expires_at → expired. Returns true when the record is expired and its
   * `expired` decision still to publish (this call expired it, or an earlier one that was not followed by
   * {@link expiryPublished}); false otherwise.
   */
  expire(intentId: string, nowMs: number): Promise<boolean>;
  /** The `expired` decision of an expired record is published: the record leaves the sweep's work list. */
  expiryPublished(intentId: string): Promise<void>;
  /** A claimed record becomes done (its command was handled); other statuses are left unchanged. */
  markDone(intentId: string): Promise<void>;
  /**
   * The sweep's work list: ids of pending records whose expiry is at or before `nowMs`, and of expired
   * records whose decision is not published yet.
   */
  dueForExpiry(nowMs: number): Promise<string[]>;
}

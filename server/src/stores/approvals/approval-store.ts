import type { ApprovalStatus, FourEyesRule, RiskCheckVerdict, StrategyIntentEvent } from '@gamma/shared';

/** A pending-approval record (SPEC §5.3 item 4): the single source of truth for pending approvals. */
export interface ApprovalRecord {
  intent: StrategyIntentEvent;
  checks: RiskCheckVerdict[];
  expires_at: string;
  created_at: string;
  /**
   * The intent's entry id on `strategy.intent`: orders intents as they arrived where `expires_at` ties (the
   * engine decides a batch in one millisecond). Absent in records written before it, or opened without one
   */
  entry_id?: string;
  approval_mode: 'manual' | 'auto';
  status: ApprovalStatus;
  /** Why two distinct traders must approve (issue 10 item 5); absent or null: one approver */
  four_eyes?: FourEyesRule | null;
  /** A four-eyes record's first approver, once it approved (status `awaiting_second` or later) */
  first_approved_by?: string;
  /** The command id of that first approve (its command on `intent.approval`) */
  first_command_id?: string;
  command?: 'approve' | 'veto';
  command_id?: string;
  claimed_by?: string;
  reason?: string | null;
}

/** Outcome of {@link ApprovalStore.claim}. */
export type ClaimResult =
  | {
      ok: true;
      command_id: string;
      repeated: boolean;
      /** `first`: a four-eyes record's first approve (now `awaiting_second`); `final`: the claim that decides */
      stage: 'first' | 'final';
    }
  | {
      ok: false;
      code: 'NOT_FOUND' | 'CONFLICT';
      status?: ApprovalStatus;
      /** The first approver of a four-eyes record approved again */
      same_approver?: boolean;
    };

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
  /**
   * Open records (status `pending` or `awaiting_second`, expired-but-unswept included), oldest expiry first.
   */
  listPending(): Promise<ApprovalRecord[]>;
  /**
   * Atomic, by `claimStep` of `@gamma/shared`: open and now < expires_at → claimed, and the
   * IntentApprovalCommand is published on `intent.approval`. A four-eyes record's first approve instead
   * moves it to `awaiting_second` (first_approved_by, first_command_id; it stays in the pending set with
   * its expires_at) and publishes the command with `metadata.stage` `first` (stage `first`); its second
   * approve must come from another user (the same one → CONFLICT, `same_approver`). Same command by the
   * same user on an already claimed (or done) record → `{ ok: true, repeated: true, command_id: the
   * original }` and nothing is written. Otherwise not open or expired → CONFLICT; no record → NOT_FOUND;
   * nothing changes on failure. Throws on an invalid command (e.g. a veto without a reason) before
   * touching anything.
   */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /**
   * Atomic: open (pending or awaiting_second) and now ≥ expires_at → expired. Returns true when the record is expired and its
   * `expired` decision still to publish (this call expired it, or an earlier one that was not followed by
   * {@link expiryPublished}); false otherwise.
   */
  expire(intentId: string, nowMs: number): Promise<boolean>;
  /** The `expired` decision of an expired record is published: the record leaves the sweep's work list. */
  expiryPublished(intentId: string): Promise<void>;
  /** A claimed record becomes done (its command was handled); other statuses are left unchanged. */
  markDone(intentId: string): Promise<void>;
  /**
   * The sweep's work list: ids of open records whose expiry is at or before `nowMs`, and of expired
   * records whose decision is not published yet.
   */
  dueForExpiry(nowMs: number): Promise<string[]>;
}

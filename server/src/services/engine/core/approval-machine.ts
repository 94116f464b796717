import {
  APPROVAL_TRANSITIONS,
  isFirstApproval,
  nextApprovalStatus,
  type ApprovalStatus,
  type FourEyesRule,
  type IntentApprovalCommand,
  type RiskCheckVerdict,
  type StrategyIntentEvent,
} from '@gamma/shared';
import type { DecisionSpec } from './decision.ts';
import type { Evaluation } from './evaluate.ts';
import { HALTED_VERDICT, haltVetoOf } from './halt-veto.ts';
import { withoutWhatIf, withWhatIf } from './what-if.ts';

/**
 * The approval state machine of SPEC §5.3, pure: an intent that needs a trader opens a `pending` record;
 * exactly one of a trader's claim (→ `claimed`, then `done` once the engine handled the command) and the
 * expiry (→ `expired`) wins it, by the one transition rule of `@gamma/shared` (`nextApprovalStatus`,
 * `claimStep`), which the stores apply atomically. A four-eyes record (issue 10 item 5) takes its first
 * approve as `awaiting_second` (the engine publishes `awaiting_second_approval`) and is claimed by a second,
 * distinct approver. The engine reads a record through {@link commandOutcome} and {@link expiryOutcome}
 * to know what to publish.
 */

/** The fields of an approval record the machine reads. */
export interface ApprovalView {
  intent: StrategyIntentEvent;
  status: ApprovalStatus;
  /** ISO */
  expires_at: string;
  approval_mode: 'manual' | 'auto';
  /** Why two distinct traders must approve; absent or null: one */
  four_eyes?: FourEyesRule | null;
  /** The first approver of a four-eyes record and the command id of that approve */
  first_approved_by?: string;
  first_command_id?: string;
  command_id?: string;
}

/** A new pending record, as the approval store keeps it. */
export interface OpenedApproval extends ApprovalView {
  checks: RiskCheckVerdict[];
  created_at: string;
  entry_id?: string;
  approval_mode: 'manual';
  status: 'pending';
}

/**
 * The record a `pending` evaluation opens at `opened.nowMs`; its intent carries `what_if` for the console, and
 * `four_eyes` the rule that needs two distinct traders (decided with the evaluation from
 * `FOUR_EYES_NOTIONAL_USD` and `FOUR_EYES_ACTIONS`), or null; `opened.entryId` the intent's entry id on
 * `strategy.intent`, which orders the records of one batch (same `created_at`, same `expires_at`).
 */
export function openApproval(
  intent: StrategyIntentEvent,
  evaluation: Extract<Evaluation, { kind: 'pending' }>,
  opened: { nowMs: number; entryId?: string | undefined },
): OpenedApproval {
  const { nowMs, entryId } = opened;
  return {
    intent: withWhatIf(intent, evaluation.whatIf),
    checks: evaluation.outcome.checks,
    expires_at: new Date(evaluation.expiresAtMs).toISOString(),
    created_at: new Date(nowMs).toISOString(),
    ...(entryId === undefined ? {} : { entry_id: entryId }),
    approval_mode: 'manual',
    status: 'pending',
    ...(evaluation.fourEyes === null ? {} : { four_eyes: evaluation.fourEyes }),
  };
}

/** What the engine does with a claimed trader command (SPEC §5.3 items 6–7). */
export type CommandOutcome =
  /** No record, not claimed, or claimed by another command: nothing to do */
  | { kind: 'ignore' }
  /** Publish this decision (the intent as routed, without `what_if`) */
  | { kind: 'veto'; intent: StrategyIntentEvent; decision: DecisionSpec }
  /**
   * Check the intent again and route it when it still passes; `approvers` the first of a four-eyes intent
   * and the user, else the user
   */
  | { kind: 'approve'; intent: StrategyIntentEvent; approvers: string[] }
  /** The first approve of a four-eyes record: publish `awaiting_second_approval` (no recheck, no route) */
  | { kind: 'first_approval'; intent: StrategyIntentEvent; decision: DecisionSpec };

/**
 * The `awaiting_second_approval` decision of a four-eyes record's first approve: by the first approver,
 * expiring at the record's `expires_at`, the rule in `metadata.four_eyes`.
 */
function firstApprovalOutcome(
  record: ApprovalView,
  command: IntentApprovalCommand,
  nowMs: number,
): CommandOutcome {
  const fourEyes = record.four_eyes;
  if (fourEyes == null || record.first_command_id !== command.command_id) return { kind: 'ignore' };
  const first = command.requested_by;
  const decision: DecisionSpec = {
    status: 'awaiting_second_approval',
    decidedBy: first,
    approvalMode: record.approval_mode,
    nowMs,
    expiresAt: record.expires_at,
    approvers: [first],
    reason: `four-eyes: ${fourEyes.detail}; ${first} approved first, a second trader must approve`,
    metadata: { four_eyes: { ...fourEyes, first_approved_by: first } },
  };
  return { kind: 'first_approval', intent: withoutWhatIf(record.intent), decision };
}

/**
 * The outcome of a command whose claim this record holds, decided at `nowMs`. A four-eyes first approve
 * (`metadata.stage` `first`) is matched by `first_command_id`, whatever the record's status since: the
 * first approval happened, so its decision is published once (a second approve, a veto or the expiry may
 * follow it before the engine handles it).
 */
export function commandOutcome(
  record: ApprovalView | null,
  command: IntentApprovalCommand,
  nowMs: number,
): CommandOutcome {
  if (!record) return { kind: 'ignore' };
  if (isFirstApproval(command)) return firstApprovalOutcome(record, command, nowMs);
  if (record.command_id !== command.command_id) return { kind: 'ignore' };
  if (nextApprovalStatus(record, 'complete', nowMs) === null) return { kind: 'ignore' };
  const intent = withoutWhatIf(record.intent);
  if (command.command === 'approve') {
    const first = record.first_approved_by;
    const approvers = first === undefined ? [command.requested_by] : [first, command.requested_by];
    return { kind: 'approve', intent, approvers };
  }
  const decision: DecisionSpec = {
    status: 'vetoed',
    decidedBy: command.requested_by,
    approvalMode: record.approval_mode,
    nowMs,
    reasonCodes: ['MANUAL_VETO'],
    reason: command.reason,
  };
  // The engine's own veto of a pending intent under HALTED (halt-veto.ts): its code, check and scope
  const halt = haltVetoOf(command);
  if (halt !== null) {
    decision.reasonCodes = [halt.reason_code];
    decision.checks = [HALTED_VERDICT];
    decision.metadata = { trading_state: halt.trading_state };
  }
  return { kind: 'veto', intent, decision };
}

/**
 * The `expired` decision of a record the sweep expired at `nowMs` (SPEC §5.3 item 8), or null when the
 * record is not expired. Its intent is the stored one, as the console showed it.
 */
export function expiryOutcome(
  record: ApprovalView,
  nowMs: number,
  ttlS: number,
): { intent: StrategyIntentEvent; decision: DecisionSpec } | null {
  if (record.status !== APPROVAL_TRANSITIONS.expire.to) return null;
  const first = record.first_approved_by;
  const decision: DecisionSpec = {
    status: 'expired',
    decidedBy: 'engine',
    approvalMode: record.approval_mode,
    nowMs,
    reasonCodes: ['APPROVAL_EXPIRED'],
    reason:
      first === undefined
        ? `no decision within ${ttlS} s`
        : `no second approval within ${ttlS} s (four-eyes; ${first} approved first)`,
  };
  return { intent: record.intent, decision };
}

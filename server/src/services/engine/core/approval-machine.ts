import {
  APPROVAL_TRANSITIONS,
  nextApprovalStatus,
  type ApprovalStatus,
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
 * expiry (→ `expired`) wins it, by the one transition rule of `@gamma/shared` (`nextApprovalStatus`),
 * which the stores apply atomically. The engine reads a record through {@link commandOutcome} and
 * {@link expiryOutcome} to know what to publish.
 */

/** The fields of an approval record the machine reads. */
export interface ApprovalView {
  intent: StrategyIntentEvent;
  status: ApprovalStatus;
  /** ISO */
  expires_at: string;
  approval_mode: 'manual' | 'auto';
  command_id?: string;
}

/** A new pending record, as the approval store keeps it. */
export interface OpenedApproval extends ApprovalView {
  checks: RiskCheckVerdict[];
  created_at: string;
  approval_mode: 'manual';
  status: 'pending';
}

/** The record a `pending` evaluation opens at `nowMs`; its intent carries `what_if` for the console. */
export function openApproval(
  intent: StrategyIntentEvent,
  evaluation: Extract<Evaluation, { kind: 'pending' }>,
  nowMs: number,
): OpenedApproval {
  return {
    intent: withWhatIf(intent, evaluation.whatIf),
    checks: evaluation.outcome.checks,
    expires_at: new Date(evaluation.expiresAtMs).toISOString(),
    created_at: new Date(nowMs).toISOString(),
    approval_mode: 'manual',
    status: 'pending',
  };
}

/** What the engine does with a claimed trader command (SPEC §5.3 items 6–7). */
export type CommandOutcome =
  /** No record, not claimed, or claimed by another command: nothing to do */
  | { kind: 'ignore' }
  /** Publish this decision (the intent as routed, without `what_if`) */
  | { kind: 'veto'; intent: StrategyIntentEvent; decision: DecisionSpec }
  /** Check the intent again and route it when it still passes */
  | { kind: 'approve'; intent: StrategyIntentEvent };

/** The outcome of a command whose claim this record holds, decided at `nowMs`. */
export function commandOutcome(
  record: ApprovalView | null,
  command: IntentApprovalCommand,
  nowMs: number,
): CommandOutcome {
  if (!record || record.command_id !== command.command_id) return { kind: 'ignore' };
  if (nextApprovalStatus(record, 'complete', nowMs) === null) return { kind: 'ignore' };
  const intent = withoutWhatIf(record.intent);
  if (command.command === 'approve') return { kind: 'approve', intent };
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
  const decision: DecisionSpec = {
    status: 'expired',
    decidedBy: 'engine',
    approvalMode: record.approval_mode,
    nowMs,
    reasonCodes: ['APPROVAL_EXPIRED'],
    reason: `no decision within ${ttlS} s`,
  };
  return { intent: record.intent, decision };
}

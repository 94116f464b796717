import type {
  DecisionStatus,
  ReasonCode,
  RiskCheckVerdict,
  Side,
  StreamInput,
  StrategyIntentEvent,
} from '@gamma/shared';

/** What a decision says beyond the intent it copies. */
export interface DecisionSpec {
  status: DecisionStatus;
  decidedBy: string;
  approvalMode: 'manual' | 'auto';
  nowMs: number;
  reasonCodes?: ReasonCode[];
  reason?: string | null;
  checks?: RiskCheckVerdict[];
  /** ISO; `pending_approval` and `awaiting_second_approval` only */
  expiresAt?: string | null;
  /** The traders who approved (default none) */
  approvers?: readonly string[];
  metadata?: Record<string, unknown>;
  /** Resolved direction and quantity (a `close`); default: the intent's */
  direction?: Side | null;
  quantity?: number | null;
}

/** `<intent_id>:<status>`: each status happens at most once per intent. */
export const decisionId = (intentId: string, status: DecisionStatus): string => `${intentId}:${status}`;

/** Builds an IntentDecisionEvent (SPEC §3.3) for an intent, every field written. */
export function buildDecision(
  intent: StrategyIntentEvent,
  spec: DecisionSpec,
): StreamInput<'intent.decision'> {
  return {
    decision_id: decisionId(intent.intent_id, spec.status),
    intent_id: intent.intent_id,
    strategy_id: intent.strategy_id,
    symbol: intent.symbol,
    action: intent.action,
    direction: spec.direction === undefined ? intent.direction : spec.direction,
    quantity: spec.quantity === undefined ? intent.quantity : spec.quantity,
    status: spec.status,
    reason_codes: spec.reasonCodes ?? [],
    reason: spec.reason ?? null,
    checks: spec.checks ?? [],
    decided_by: spec.decidedBy,
    approvers: [...(spec.approvers ?? [])],
    approval_mode: spec.approvalMode,
    expires_at: spec.expiresAt ?? null,
    timestamp: new Date(spec.nowMs).toISOString(),
    metadata: spec.metadata ?? {},
  };
}

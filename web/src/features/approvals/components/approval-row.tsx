import type { RiskCheckVerdict } from '@gamma/shared';
import { useState } from 'react';
import { actionLabel, reasonLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import { countdownText } from '../core/countdown';
import type { ApprovalRowState } from '../core/approval-rows';
import { type FourEyesRule, type FourEyesView, fourEyesView } from '../core/four-eyes';
import { whatIfOf, whatIfText } from '../core/what-if';
import { FourEyesLine } from './four-eyes-line';
import { VerdictList } from './verdict-list';
import { VetoForm } from './veto-form';

/** The fields of a pending approval the row shows. */
export interface ApprovalRowData {
  intent: {
    intent_id: string;
    strategy_id: string;
    symbol: string;
    action: string;
    direction: 'buy' | 'sell' | null;
    quantity: number | null;
    reason: string | null;
    /** Carries `what_if` (Greeks before → after) for option intents */
    metadata?: Readonly<Record<string, unknown>>;
  };
  checks: readonly RiskCheckVerdict[];
  expires_at: string | null;
  /** `awaiting_second` once the first of two traders approved (four-eyes) */
  status: 'pending' | 'awaiting_second';
  /** Set when two distinct traders must approve */
  four_eyes: FourEyesRule | null;
}

export interface ApprovalRowProps {
  row: ApprovalRowData;
  state: ApprovalRowState;
  nowMs: number;
  busy: boolean;
  /** The signed-in role may approve and veto (else the row shows no Approve / Veto) */
  canDecide: boolean;
  /** The signed-in username (a first four-eyes approver may not approve again) */
  me: string | null;
  onApprove: (intentId: string) => void;
  onVeto: (intentId: string, reason: string) => void;
  onDismiss: (intentId: string) => void;
}

/**
 * One pending intent: what it does, its verdicts, a live countdown, the four-eyes state, Approve / Veto
 * (for traders and above).
 */
export function ApprovalRow(props: ApprovalRowProps) {
  const { row, state, nowMs, onDismiss } = props;
  const [vetoOpen, setVetoOpen] = useState(false);
  const { intent } = row;
  const expired = state === 'expired';
  const fourEyes = fourEyesView(row, props.me);
  return (
    <li aria-label={`approval ${intent.intent_id}`} className={`approval ${expired ? 'expired' : ''}`}>
      <div className="approval-head">
        <span className="strategy">{intent.strategy_id}</span>
        <span className="action">{actionLabel(intent.action)}</span>
        <span className={`direction ${intent.direction ?? ''}`}>{intent.direction ?? '—'}</span>
        <span className="qty">{quantity(intent.quantity)}</span>
        <span className="symbol">{intent.symbol}</span>
        <span aria-label="expires in" className="countdown">
          {expired ? 'expired' : countdownText(row.expires_at, nowMs)}
        </span>
      </div>
      <div className="reason">{reasonLabel(intent.reason)}</div>
      <WhatIfLine metadata={intent.metadata} />
      {fourEyes !== null && <FourEyesLine view={fourEyes} />}
      <VerdictList checks={row.checks} />
      {expired ? (
        <div className="approval-actions">
          <button type="button" onClick={() => onDismiss(intent.intent_id)}>
            Dismiss
          </button>
        </div>
      ) : (
        props.canDecide && (
          <DecideButtons
            {...props}
            fourEyes={fourEyes}
            vetoOpen={vetoOpen}
            onToggleVeto={() => setVetoOpen((v) => !v)}
          />
        )
      )}
      {vetoOpen && !expired && props.canDecide && (
        <VetoForm
          busy={props.busy}
          onConfirm={(reason) => props.onVeto(intent.intent_id, reason)}
          onCancel={() => setVetoOpen(false)}
        />
      )}
    </li>
  );
}

/** Approve (or, for the first of two four-eyes approvers, why not) and Veto. */
function DecideButtons(
  props: ApprovalRowProps & { fourEyes: FourEyesView | null; vetoOpen: boolean; onToggleVeto: () => void },
) {
  const id = props.row.intent.intent_id;
  return (
    <div className="approval-actions">
      {props.fourEyes?.approvedByMe === true ? (
        <span className="four-eyes-own">You approved first; a different trader must approve.</span>
      ) : (
        <button type="button" className="ok" disabled={props.busy} onClick={() => props.onApprove(id)}>
          Approve
        </button>
      )}
      <button
        type="button"
        className="danger"
        disabled={props.busy}
        aria-expanded={props.vetoOpen}
        onClick={props.onToggleVeto}
      >
        Veto
      </button>
    </div>
  );
}

/** Δ and vega of the underlying before → after the legs, when the engine attached a what-if. */
function WhatIfLine({ metadata }: { metadata: unknown }) {
  const whatIf = whatIfOf(metadata);
  if (whatIf === null) return null;
  const text = whatIfText(whatIf);
  return (
    <div className="what-if" aria-label="greeks what-if">
      <span className="underlying">{text.underlying}</span> <span className="delta">Δ {text.delta}</span>{' '}
      <span className="vega">vega {text.vega} USD/vol pt</span>
    </div>
  );
}

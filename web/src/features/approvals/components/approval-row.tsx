import type { RiskCheckVerdict } from '@gamma/shared';
import { useState } from 'react';
import { actionLabel, reasonLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import { countdownText } from '../core/countdown';
import type { ApprovalRowState } from '../core/approval-rows';
import { whatIfOf, whatIfText } from '../core/what-if';
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
}

export interface ApprovalRowProps {
  row: ApprovalRowData;
  state: ApprovalRowState;
  nowMs: number;
  busy: boolean;
  onApprove: (intentId: string) => void;
  onVeto: (intentId: string, reason: string) => void;
  onDismiss: (intentId: string) => void;
}

/** One pending intent: what it does, its verdicts, a live countdown, Approve / Veto. */
export function ApprovalRow({ row, state, nowMs, busy, onApprove, onVeto, onDismiss }: ApprovalRowProps) {
  const [vetoOpen, setVetoOpen] = useState(false);
  const { intent } = row;
  const expired = state === 'expired';
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
      <VerdictList checks={row.checks} />
      {expired ? (
        <div className="approval-actions">
          <button type="button" onClick={() => onDismiss(intent.intent_id)}>
            Dismiss
          </button>
        </div>
      ) : (
        <div className="approval-actions">
          <button type="button" className="ok" disabled={busy} onClick={() => onApprove(intent.intent_id)}>
            Approve
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setVetoOpen((v) => !v)}>
            Veto
          </button>
        </div>
      )}
      {vetoOpen && !expired && (
        <VetoForm
          busy={busy}
          onConfirm={(reason) => onVeto(intent.intent_id, reason)}
          onCancel={() => setVetoOpen(false)}
        />
      )}
    </li>
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

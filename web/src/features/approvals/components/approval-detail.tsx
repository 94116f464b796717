import type { ReactNode } from 'react';
import { actionLabel, reasonLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import { countdownText } from '../core/countdown';
import { whatIfOf, whatIfText } from '../core/what-if';
import type { QueueRow } from '../hooks/use-approval-queue';
import { FourEyesLine } from './four-eyes-line';
import { VerdictList } from './verdict-list';

/**
 * The detail of the selected pending intent: what it does and why, the four-eyes state, every risk check with
 * its value against its limit, the Greeks what-if; `children` (the P/Q reasoning, the explain timeline) beside.
 */
export function ApprovalDetail({
  row,
  nowMs,
  children,
}: {
  row: QueueRow;
  nowMs: number;
  children?: ReactNode;
}) {
  const { intent, expires_at } = row.approval;
  return (
    <section aria-label={`detail ${row.id}`} className="approval-detail">
      <div className="detail-main" role="group" aria-label="checks and what-if" tabIndex={0}>
        <h3 className="detail-head">
          {intent.strategy_id} · {actionLabel(intent.action)} {quantity(intent.quantity)} {intent.symbol}
          <span className="countdown">
            {row.state === 'expired' ? 'expired' : `expires in ${countdownText(expires_at, nowMs)}`}
          </span>
        </h3>
        <p className="muted detail-reason">
          {reasonLabel(intent.reason)} · <span className="small">{row.id}</span>
        </p>
        {row.fourEyes !== null && <FourEyesLine view={row.fourEyes} />}
        {row.fourEyes?.approvedByMe === true && (
          <p className="four-eyes-own">You approved first; a different trader must approve.</p>
        )}
        <WhatIfLine metadata={intent.metadata} />
        <VerdictList checks={row.approval.checks} />
      </div>
      {children}
    </section>
  );
}

/** Δ and vega of the underlying before → after the legs, when the engine attached a what-if. */
function WhatIfLine({ metadata }: { metadata: unknown }) {
  const whatIf = whatIfOf(metadata);
  if (whatIf === null) return <p className="muted small">no Greeks what-if (not an option order)</p>;
  const text = whatIfText(whatIf);
  return (
    <p className="what-if" aria-label="greeks what-if">
      What-if {text.underlying}: <span className="delta">Δ {text.delta}</span> ·{' '}
      <span className="vega">vega {text.vega} USD/vol pt</span>
    </p>
  );
}

import { signed } from '@/lib/format';
import { actionLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import { closestCheck, closestCheckText, notionalOf, usdText } from '../core/blotter';
import { countdownText } from '../core/countdown';
import { whatIfOf } from '../core/what-if';
import type { QueueRow as QueueRowData } from '../hooks/use-approval-queue';
import { VetoForm } from './veto-form';

/** What a queue row does when clicked or keyed. */
export interface QueueRowHandlers {
  onSelect: (id: string) => void;
  onApprove: (id: string) => void;
  onVetoOpen: (id: string) => void;
  onVetoClose: () => void;
  onVeto: (id: string, reason: string) => void;
  onDismiss: (id: string) => void;
}

export interface QueueRowProps extends QueueRowHandlers {
  row: QueueRowData;
  nowMs: number;
  selected: boolean;
  vetoing: boolean;
  /** The signed-in role may approve and veto (else the row shows no Approve / Veto) */
  canDecide: boolean;
}

/** The columns of the blotter, in order (the header and the veto row's span read it). */
export const QUEUE_COLUMNS = [
  'Strategy',
  'Action',
  'Size',
  'Underlying',
  'Notional',
  'Δ after',
  'Vega after',
  'Check',
  'Expires',
  'Decide',
] as const;

/** One pending intent on one line: what it does, its what-if, its closest check, the countdown, Approve / Veto. */
export function QueueRow(props: QueueRowProps) {
  const { row, selected } = props;
  const { intent } = row.approval;
  const whatIf = whatIfOf(intent.metadata);
  const closest = closestCheck(row.approval.checks);
  const expired = row.state === 'expired';
  const check = closestCheckText(closest);
  const checkClass =
    closest === null ? '' : !closest.passed ? 'fail' : (closest.usage ?? 0) >= 0.8 ? 'near' : '';
  return (
    <>
      <tr
        aria-label={`approval ${row.id}`}
        aria-current={selected ? 'true' : undefined}
        className={`queue-row ${selected ? 'selected' : ''} ${expired ? 'expired' : ''}`}
        onClick={() => props.onSelect(row.id)}
      >
        <td className="strategy">
          <button type="button" className="row-select" data-row-id={row.id} title={intent.strategy_id}>
            {intent.strategy_id}
          </button>
        </td>
        <td className={`action direction-${intent.direction ?? 'none'}`}>
          {actionLabel(intent.action)}
          {row.fourEyes !== null && (
            <span className="badge four-eyes-badge" title={row.fourEyes.awaiting ?? row.fourEyes.detail}>
              {row.fourEyes.awaiting === null ? '4-eyes' : '4-eyes 1/2'}
            </span>
          )}
        </td>
        <td className="num">{quantity(intent.quantity)}</td>
        <td>{intent.symbol}</td>
        <td className="num">{usdText(notionalOf(row.approval.checks))}</td>
        <td className="num" title={whatIf ? `Δ ${whatIf.before.delta} → ${whatIf.after.delta}` : undefined}>
          {signed(whatIf?.after.delta, 4)}
        </td>
        <td className="num" title={whatIf ? `vega ${whatIf.before.vega} → ${whatIf.after.vega}` : undefined}>
          {signed(whatIf?.after.vega, 2)}
        </td>
        <td className={`check ${checkClass}`} title={check}>
          <span>{check}</span>
        </td>
        <td className="num countdown" aria-label="expires in">
          {expired ? 'expired' : countdownText(row.approval.expires_at, props.nowMs)}
        </td>
        <td className="decide">
          <DecideCell {...props} expired={expired} />
        </td>
      </tr>
      {props.vetoing && !expired && props.canDecide && <VetoRow {...props} />}
    </>
  );
}

/** The veto form under its row, across the whole blotter. */
function VetoRow({ row, onVeto, onVetoClose }: QueueRowProps) {
  return (
    <tr className="veto-row" aria-label={`veto ${row.id}`}>
      <td colSpan={QUEUE_COLUMNS.length}>
        <VetoForm busy={row.busy} onConfirm={(reason) => onVeto(row.id, reason)} onCancel={onVetoClose} />
      </td>
    </tr>
  );
}

/** Approve and Veto for traders; Dismiss once expired; the first four-eyes approver gets a note instead of Approve. */
function DecideCell(props: QueueRowProps & { expired: boolean }) {
  const { row } = props;
  if (props.expired)
    return (
      <button type="button" onClick={() => props.onDismiss(row.id)}>
        Dismiss
      </button>
    );
  if (!props.canDecide) return null;
  return (
    <>
      {row.fourEyes?.approvedByMe === true ? (
        <span className="four-eyes-own" title="You approved first; a different trader must approve">
          2nd trader
        </span>
      ) : (
        <button type="button" className="ok" disabled={row.busy} onClick={() => props.onApprove(row.id)}>
          Approve
        </button>
      )}
      <button
        type="button"
        className="danger"
        disabled={row.busy}
        aria-expanded={props.vetoing}
        onClick={() => (props.vetoing ? props.onVetoClose() : props.onVetoOpen(row.id))}
      >
        Veto
      </button>
    </>
  );
}

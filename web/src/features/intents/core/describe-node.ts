import { isReasonCode } from '@gamma/shared';
import { fixed } from '@/lib/format';
import { actionLabel, decidersText, decisionStatusLabel, reasonCodeLabel, reasonLabel } from '@/lib/labels';

type Msg = Readonly<Record<string, unknown>>;

const str = (m: Msg, key: string): string => {
  const v = m[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

/** A USD price to the cent (a fill's raw price carries a dozen decimals). */
const usd = (m: Msg, key: string): string => {
  const v = m[key];
  return typeof v === 'number' ? fixed(v, 2) : str(m, key);
};

const isMsg = (v: unknown): v is Msg => typeof v === 'object' && v !== null;

const codesOf = (m: Msg): string => {
  // The node's message was decoded by its stream's schema: every code is in the table
  const codes = Array.isArray(m.reason_codes) ? m.reason_codes.filter(isReasonCode) : [];
  return codes.length > 0 ? ` (${codes.map(reasonCodeLabel).join(', ')})` : '';
};

const approversOf = (m: Msg): string[] =>
  Array.isArray(m.approvers) ? m.approvers.filter((a): a is string => typeof a === 'string') : [];

/** A decision: its status and who decided (both four-eyes approvers), its codes and reason. */
function describeDecision(message: Msg): string {
  const status = str(message, 'status');
  const by = decidersText(str(message, 'decided_by'), approversOf(message));
  const reason = str(message, 'reason');
  const rest = `${codesOf(message)}${reason ? `: ${reason}` : ''}`;
  // Its reason repeats the rule and the first approver in words
  if (status === 'awaiting_second_approval') return `approved by ${by}, awaiting a second trader`;
  return `${decisionStatusLabel(status)} by ${by}${rest}`;
}

/** One line describing an explainability node (SPEC §12 item 4), by the stream it came from. */
export function describeNode(stream: string, message: unknown): string {
  if (!isMsg(message)) return '';
  switch (stream) {
    case 'strategy.signal':
      return `signal ${str(message, 'signal_type')} ${str(message, 'symbol')}`;
    case 'strategy.intent':
      return `intent ${actionLabel(str(message, 'action'))} ${str(message, 'quantity')} ${str(message, 'symbol')}: ${reasonLabel(str(message, 'reason'))}`;
    case 'intent.decision':
      return describeDecision(message);
    case 'execution.command':
      return `execution ${actionLabel(str(message, 'action'))} ${str(message, 'quantity')} approved by ${str(message, 'approved_by')}`;
    case 'order.command':
      return `order ${str(message, 'side')} ${str(message, 'quantity')} ${str(message, 'symbol')} ${str(message, 'order_type')}`;
    case 'order.fill':
      return `fill ${str(message, 'side')} ${str(message, 'quantity')} ${str(message, 'symbol')} @ ${usd(message, 'price')}`;
    case 'position.update':
      return `position ${str(message, 'symbol')} ${str(message, 'quantity')} avg ${usd(message, 'avg_price')}`;
    default:
      return stream;
  }
}

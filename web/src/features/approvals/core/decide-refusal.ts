import type { ApprovalRowState } from './approval-rows';
import type { FourEyesView } from './four-eyes';

/** What the Desk knows when a key (or a click) asks to approve or veto a row. */
export interface DecideContext {
  /** The signed-in role may decide approvals (trader and above) */
  canDecide: boolean;
  role: string | null;
  state: ApprovalRowState;
  fourEyes: FourEyesView | null;
  /** A decision of this row is on its way to the server */
  busy: boolean;
}

/**
 * Why the signed-in user cannot approve or veto this row now, in words for the Desk's status line; null when
 * they can. The server has the final word: this only spares a request that would be refused.
 */
export function decideRefusal(ctx: DecideContext, command: 'approve' | 'veto'): string | null {
  const verb = command === 'approve' ? 'Approving' : 'Vetoing';
  if (!ctx.canDecide) return `${verb} needs the trader role; you are signed in as ${ctx.role ?? 'nobody'}`;
  if (ctx.state === 'expired') return 'This approval has expired';
  if (ctx.busy) return 'A decision of this intent is on its way';
  if (command === 'approve' && ctx.fourEyes?.approvedByMe === true)
    return 'You approved first; a different trader must approve';
  return null;
}

import type { IntentDecisionEvent } from '@gamma/shared';

/** A toast to show: its kind and words. */
export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

type Decision = Pick<
  IntentDecisionEvent,
  | 'intent_id'
  | 'strategy_id'
  | 'symbol'
  | 'action'
  | 'quantity'
  | 'status'
  | 'decided_by'
  | 'approvers'
  | 'reason'
>;

/** `buy_straddle 0.1 BTC/USDT (pq_vol_trader)`: what the intent was, in one line. */
export const intentWords = (d: Pick<Decision, 'action' | 'quantity' | 'symbol' | 'strategy_id'>): string =>
  `${d.action} ${d.quantity ?? ''} ${d.symbol} (${d.strategy_id})`.replace(/\s+/g, ' ');

/**
 * What the signed-in trader should be told about a decision of an intent that was waiting for a trader on
 * their screen (`wasPending`): that someone else approved, vetoed or approved first (four-eyes), or that it
 * expired; and, after their own approval (`approvedByMe`, seen earlier on the stream), that the recheck or the exchange refused it. Their own approve and
 * veto say nothing (their click already did); null when there is nothing to tell.
 */
export function decisionNotice(
  d: Decision,
  ctx: { me: string | null; wasPending: boolean; approvedByMe: boolean },
): Notice | null {
  const what = intentWords(d);
  const mine = ctx.me !== null && (d.decided_by === ctx.me || d.approvers.includes(ctx.me));
  switch (d.status) {
    case 'approved':
      return ctx.wasPending && !mine
        ? { kind: 'info', text: `Approved by ${d.approvers.join(' and ') || d.decided_by}: ${what}` }
        : null;
    case 'vetoed':
      return ctx.wasPending && !mine
        ? { kind: 'info', text: `Vetoed by ${d.decided_by}: ${what}${d.reason ? ` (${d.reason})` : ''}` }
        : null;
    case 'awaiting_second_approval':
      return ctx.wasPending && !mine
        ? {
            kind: 'info',
            text: `${d.approvers[0] ?? d.decided_by} approved first; a second trader must approve: ${what}`,
          }
        : null;
    case 'expired':
      return ctx.wasPending
        ? { kind: 'error', text: `Approval expired, nobody decided in time: ${what}` }
        : null;
    case 'rejected_on_recheck':
    case 'execution_rejected':
      return ctx.approvedByMe
        ? {
            kind: 'error',
            text: `${d.status === 'rejected_on_recheck' ? 'Rejected on recheck' : 'Execution rejected'} after your approval: ${what}${d.reason ? ` (${d.reason})` : ''}`,
          }
        : null;
    default:
      return null;
  }
}

/** The tab's title: the pending count first, so it shows in a crowded tab bar. */
export const tabTitle = (pending: number, base = 'Gamma console'): string =>
  pending > 0 ? `(${pending}) ${pending === 1 ? 'approval' : 'approvals'} pending · ${base}` : base;

import type { IntentDecisionEvent } from '@gamma/shared';
import { useCallback, useRef } from 'react';
import { useNotificationsStore } from '@/stores/notifications-store';
import { useSessionStore } from '@/stores/session-store';
import { decisionNotice, intentWords } from '../core/decision-notice';
import { showDesktopNotification } from '../core/desktop';

/** Most intent ids remembered per set (pending seen, approved by me); the oldest are forgotten first. */
const REMEMBERED = 1000;

const remember = (set: Set<string>, id: string): void => {
  set.add(id);
  if (set.size > REMEMBERED) set.delete(set.values().next().value as string);
};

/**
 * The trader's side of each decision on the bus: a toast when an intent that was waiting on this screen is
 * decided by someone else or expires (or, after my approval, is refused), a browser notification for a new
 * pending approval when the user opted in. `listed` says whether an intent is in the pending list on screen.
 * Returns the handler the decision subscription calls, before it refetches that list.
 */
export function useDecisionNotices(
  listed: (intentId: string) => boolean,
): (event: IntentDecisionEvent) => void {
  const seenPending = useRef(new Set<string>());
  const approvedByMe = useRef(new Set<string>());
  return useCallback(
    (event: IntentDecisionEvent) => {
      const me = useSessionStore.getState().user?.username ?? null;
      const wasPending = seenPending.current.has(event.intent_id) || listed(event.intent_id);
      const notice = decisionNotice(event, {
        me,
        wasPending,
        approvedByMe: approvedByMe.current.has(event.intent_id),
      });
      if (notice !== null) useNotificationsStore.getState().push(notice);
      if (me !== null && event.approvers.includes(me)) remember(approvedByMe.current, event.intent_id);
      const open = event.status === 'pending_approval' || event.status === 'awaiting_second_approval';
      if (!open) return;
      remember(seenPending.current, event.intent_id);
      // A pending decision replayed at subscribe time may be long expired: only a live one is worth a ping
      if (event.status === 'pending_approval' && Date.parse(event.expires_at ?? '') > Date.now()) {
        showDesktopNotification('Approval needed', intentWords(event), `approval-${event.intent_id}`);
      }
    },
    [listed],
  );
}

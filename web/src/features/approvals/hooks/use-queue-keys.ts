import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget, type QueueKeyAction, queueKeyAction } from '../core/queue-keys';

/**
 * The Desk's keys (j/k, a, v, e, /, ?; see QUEUE_KEYS): calls `onAction` for each, on the whole document while
 * the Desk is mounted. Keys typed in a field or a dialog, and shortcuts with Ctrl, Meta or Alt, are left alone.
 */
export function useQueueKeys(onAction: (action: QueueKeyAction) => void): void {
  const act = useEffectEvent(onAction);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const action = queueKeyAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inField: isTypingTarget(target),
        inDialog: target?.closest('[role="dialog"]') != null,
      });
      if (action === null) return;
      // `/` must not type itself into the filter it focuses
      e.preventDefault();
      act(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

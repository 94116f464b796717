import { useEffect } from 'react';
import { tabTitle } from '../core/decision-notice';

/** The tab's title shows how many approvals are pending (the plain title when none, and after sign-out). */
export function usePendingTitle(count: number): void {
  useEffect(() => {
    document.title = tabTitle(count);
  }, [count]);
  useEffect(
    () => () => {
      document.title = tabTitle(0);
    },
    [],
  );
}

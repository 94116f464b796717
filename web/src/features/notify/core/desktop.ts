import { useNotifyStore } from '../stores/notify-store';

/** Whether this browser has the Notification API at all (not in some embedded or insecure contexts). */
export const desktopSupported = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

/**
 * Shows a browser notification when the user opted in and the browser granted it; `tag` replaces an earlier
 * notification of the same thing instead of stacking another. Returns whether one was shown.
 */
export function showDesktopNotification(title: string, body: string, tag: string): boolean {
  if (!useNotifyStore.getState().desktop || !desktopSupported() || Notification.permission !== 'granted')
    return false;
  const shown = new Notification(title, { body, tag });
  shown.onclick = () => {
    window.focus();
    shown.close();
  };
  return true;
}

import { useNotificationsStore } from '@/stores/notifications-store';
import { desktopSupported } from '../core/desktop';
import { useNotifyStore } from '../stores/notify-store';

/**
 * The header's switch for browser notifications (new pending approvals, raised alerts): off by default,
 * asks the browser's permission when turned on, remembered in this browser.
 */
export function DesktopNotifyToggle() {
  const on = useNotifyStore((s) => s.desktop);
  const setDesktop = useNotifyStore((s) => s.setDesktop);
  const push = useNotificationsStore((s) => s.push);
  const toggle = async () => {
    if (on) return setDesktop(false);
    if (!desktopSupported()) return push({ kind: 'error', text: 'This browser cannot show notifications' });
    const permission = await Notification.requestPermission();
    if (permission !== 'granted')
      return push({
        kind: 'error',
        text: 'The browser did not allow notifications: allow them for this site in its settings, then try again',
      });
    setDesktop(true);
    push({ kind: 'info', text: 'Browser notifications on: new pending approvals and raised risk alerts' });
  };
  return (
    <button
      type="button"
      className="desktop-notify-toggle"
      aria-pressed={on}
      title="Browser notifications for new pending approvals and raised risk alerts"
      onClick={() => void toggle()}
    >
      {on ? 'Notifications on' : 'Notifications off'}
    </button>
  );
}

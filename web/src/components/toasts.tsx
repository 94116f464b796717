import { useEffect } from 'react';
import { useNotificationsStore } from '@/stores/notifications-store';

/** How long a toast stays up. */
const TOAST_MS = 8000;

/** Error and info toasts; each closes by itself or on click. */
export function Toasts() {
  const items = useNotificationsStore((s) => s.items);
  const dismiss = useNotificationsStore((s) => s.dismiss);
  const oldest = items[0];
  useEffect(() => {
    if (!oldest) return undefined;
    const id = window.setTimeout(() => dismiss(oldest.id), TOAST_MS);
    return () => window.clearTimeout(id);
  }, [oldest, dismiss]);
  return (
    <div className="toasts" aria-live="polite">
      {items.map((item) => (
        <div key={item.id} role="alert" className={`toast toast-${item.kind}`}>
          <span>{item.text}</span>
          <button type="button" aria-label="Dismiss notification" onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

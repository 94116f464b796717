import { describe, expect, it } from 'vitest';
import { MAX_NOTIFICATIONS, useNotificationsStore } from './notifications-store';

describe('useNotificationsStore', () => {
  it('keeps the newest toasts and dismisses by id', () => {
    const { push } = useNotificationsStore.getState();
    for (let i = 0; i < MAX_NOTIFICATIONS + 2; i += 1) push({ kind: 'error', text: `e${i}` });
    const items = useNotificationsStore.getState().items;
    expect(items).toHaveLength(MAX_NOTIFICATIONS);
    expect(items.at(-1)?.text).toBe(`e${MAX_NOTIFICATIONS + 1}`);
    const first = items[0];
    if (!first) throw new Error('no toast');
    useNotificationsStore.getState().dismiss(first.id);
    expect(useNotificationsStore.getState().items.some((i) => i.id === first.id)).toBe(false);
  });

  describe('when the same error is already shown', () => {
    it('does not repeat it', () => {
      useNotificationsStore.setState({ items: [] });
      const { push } = useNotificationsStore.getState();
      push({ kind: 'error', text: 'fetch failed' });
      push({ kind: 'error', text: 'fetch failed' });
      expect(useNotificationsStore.getState().items).toHaveLength(1);
    });
  });
});

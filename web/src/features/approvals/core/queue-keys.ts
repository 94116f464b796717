/** What a key does on the Desk. */
export type QueueKeyAction = 'next' | 'previous' | 'approve' | 'veto' | 'explain' | 'search' | 'help';

/** The Desk's keys, in the order the help dialog lists them. */
export const QUEUE_KEYS: readonly { key: string; action: QueueKeyAction; what: string }[] = [
  { key: 'j', action: 'next', what: 'Select the next pending intent' },
  { key: 'k', action: 'previous', what: 'Select the previous pending intent' },
  { key: 'a', action: 'approve', what: 'Approve the selected intent (traders and above)' },
  {
    key: 'v',
    action: 'veto',
    what: 'Veto the selected intent: type the reason, Enter sends, Escape cancels',
  },
  { key: 'e', action: 'explain', what: 'Explain the selected intent (its timeline)' },
  { key: '/', action: 'search', what: 'Filter the queue and the latest intents' },
  { key: '?', action: 'help', what: 'Show these keys' },
];

const ACTION_OF: ReadonlyMap<string, QueueKeyAction> = new Map(QUEUE_KEYS.map((k) => [k.key, k.action]));

/** What the hook knows of a keydown: the key, its modifiers, and where it was typed. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Typed into a text field, a select or an editable element: the keys are text there */
  inField: boolean;
  /** Typed inside a dialog (help, change password): the Desk's keys are not for it */
  inDialog: boolean;
}

/**
 * The Desk action of a key press, or null: keys typed in a field or a dialog, and keys with Ctrl, Meta or Alt
 * (browser shortcuts), do nothing. Shift is allowed (`?` is Shift+/ on most layouts).
 */
export function queueKeyAction(press: KeyPress): QueueKeyAction | null {
  if (press.inField || press.inDialog || press.ctrlKey || press.metaKey || press.altKey) return null;
  return ACTION_OF.get(press.key) ?? null;
}

/**
 * The id selected after moving `step` rows (+1 next, -1 previous) from `current` in `ids`: nothing selected
 * (or gone) starts at the first row going down and at the last going up; the ends stop, never wrap.
 */
export function stepSelection(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return (step === 1 ? ids[0] : ids.at(-1)) ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}

const FIELD_TAGS: ReadonlySet<string> = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether a key event's target is a field the user types in (buttons and links are not). */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (target === null) return false;
  return FIELD_TAGS.has(target.tagName ?? '') || target.isContentEditable === true;
}

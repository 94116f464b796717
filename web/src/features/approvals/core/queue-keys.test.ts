import { describe, expect, it } from 'vitest';
import { isTypingTarget, type KeyPress, QUEUE_KEYS, queueKeyAction, stepSelection } from './queue-keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  inDialog: false,
  ...more,
});

describe('queueKeyAction', () => {
  it('maps each Desk key to its action', () => {
    expect(['j', 'k', 'a', 'v', 'e', '/', '?'].map((key) => queueKeyAction(press(key)))).toEqual([
      'next',
      'previous',
      'approve',
      'veto',
      'explain',
      'search',
      'help',
    ]);
  });

  it('ignores other keys, and upper case (Shift+A is not a)', () => {
    expect(queueKeyAction(press('x'))).toBeNull();
    expect(queueKeyAction(press('A'))).toBeNull();
    expect(queueKeyAction(press('Enter'))).toBeNull();
  });

  it('ignores keys typed in a field or in a dialog', () => {
    expect(queueKeyAction(press('a', { inField: true }))).toBeNull();
    expect(queueKeyAction(press('j', { inDialog: true }))).toBeNull();
  });

  it('leaves browser shortcuts alone (Ctrl, Meta, Alt)', () => {
    expect(queueKeyAction(press('a', { ctrlKey: true }))).toBeNull();
    expect(queueKeyAction(press('v', { metaKey: true }))).toBeNull();
    expect(queueKeyAction(press('e', { altKey: true }))).toBeNull();
  });

  it('lists every key once for the help', () => {
    expect(new Set(QUEUE_KEYS.map((k) => k.key)).size).toBe(QUEUE_KEYS.length);
  });
});

describe('stepSelection', () => {
  const ids = ['a', 'b', 'c'];

  it('starts at the first row going down and at the last going up', () => {
    expect(stepSelection(ids, null, 1)).toBe('a');
    expect(stepSelection(ids, null, -1)).toBe('c');
    expect(stepSelection(ids, 'gone', 1)).toBe('a');
  });

  it('moves one row and stops at the ends', () => {
    expect(stepSelection(ids, 'a', 1)).toBe('b');
    expect(stepSelection(ids, 'b', -1)).toBe('a');
    expect(stepSelection(ids, 'c', 1)).toBe('c');
    expect(stepSelection(ids, 'a', -1)).toBe('a');
  });

  it('selects nothing in an empty queue', () => {
    expect(stepSelection([], 'a', 1)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for inputs, text areas, selects and editable elements, not buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

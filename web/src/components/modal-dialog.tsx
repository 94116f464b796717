import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/** Keeps Tab and Shift+Tab inside `box`. */
function trapTab(e: KeyboardEvent, box: HTMLElement | null) {
  const focusable = box?.querySelectorAll<HTMLElement>('input:not(:disabled), button:not(:disabled)');
  if (!focusable || focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first?.focus();
  }
}

/**
 * Once the dialog is gone, focus goes back to the element that had it when the dialog opened (WAI-ARIA dialog
 * pattern), unless the closer moved it elsewhere. Checked after the cleanup: StrictMode's rehearsal unmount
 * leaves the dialog in the page, and focus with it.
 */
function useReturnFocus(box: React.RefObject<HTMLDivElement | null>) {
  // Read while rendering: the child with `autoFocus` takes focus before any effect runs
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    const dialog = box.current;
    return () => {
      queueMicrotask(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (dialog?.isConnected !== true && lost && opener instanceof HTMLElement && opener.isConnected)
          opener.focus();
      });
    };
  }, [box, opener]);
}

/**
 * A modal dialog over the console (a portal into the body): `role="dialog"` named by its `title`, Tab kept
 * inside, Escape calls `onClose`, focus back where it was once closed. The child to focus first carries
 * `autoFocus`.
 */
export function ModalDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useReturnFocus(box);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    } else if (e.key === 'Tab') trapTab(e, box.current);
  };
  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>,
    document.body,
  );
}

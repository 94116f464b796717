import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModalDialog } from './modal-dialog';

/** A page with a button that opens the dialog; `onClosed` runs as the dialog closes. */
function Page({ onClosed = () => undefined }: { onClosed?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <StrictMode>
      <button type="button" onClick={() => setOpen(true)}>
        Keys
      </button>
      <input aria-label="Filter" />
      {open && (
        <ModalDialog
          title="Keys on the Desk"
          onClose={() => {
            onClosed();
            setOpen(false);
          }}
        >
          <button type="button" autoFocus>
            Close
          </button>
        </ModalDialog>
      )}
    </StrictMode>
  );
}

describe('ModalDialog', () => {
  afterEach(cleanup);

  it('takes focus when it opens, and gives it back to the element that had it once Escape closes it', async () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Keys' });
    opener.focus();
    fireEvent.click(opener);
    const close = await screen.findByRole('button', { name: 'Close' });
    await expect.poll(() => document.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await expect.poll(() => document.activeElement).toBe(opener);
  });

  describe('when the closer moves focus elsewhere', () => {
    it('leaves it there', async () => {
      render(<Page onClosed={() => screen.getByRole('textbox', { name: 'Filter' }).focus()} />);
      const opener = screen.getByRole('button', { name: 'Keys' });
      opener.focus();
      fireEvent.click(opener);
      fireEvent.keyDown(await screen.findByRole('dialog'), { key: 'Escape' });
      // The return of focus is a microtask after the dialog's cleanup: let it run
      await act(() => Promise.resolve());
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Filter' }));
    });
  });
});

import { useState } from 'react';
import { ModalDialog } from '@/components/modal-dialog';
import { useHandleDeadLetter } from '../api/use-handle-dead-letter';
import type { DeadLetter } from '../api/use-ops-queries';

type Action = 'requeue' | 'discard';

const QUESTION: Record<Action, (letter: DeadLetter) => string> = {
  requeue: (l) =>
    `Publish the payload of dead letter ${l.id} to ${l.source_stream} again? Every group of that stream gets it.`,
  discard: (l) => `Mark dead letter ${l.id} handled without publishing anything?`,
};

/** Requeue and Discard of one unhandled dead letter, each confirmed first; the server's refusal is shown as it says it. */
export function DeadLetterActions({ letter }: { letter: DeadLetter }) {
  const { requeue, discard } = useHandleDeadLetter();
  const [asking, setAsking] = useState<Action | null>(null);
  // Each action resets the other, so at most one holds an error
  const error = requeue.error ?? discard.error;
  const busy = requeue.isPending || discard.isPending;
  const confirm = () => {
    const action = asking;
    setAsking(null);
    if (action === 'requeue') {
      discard.reset();
      requeue.mutate({ id: letter.id });
    } else if (action === 'discard') {
      requeue.reset();
      discard.mutate({ id: letter.id });
    }
  };
  return (
    <div className="ops-actions">
      <button type="button" disabled={busy} onClick={() => setAsking('requeue')}>
        Requeue
      </button>
      <button type="button" className="danger" disabled={busy} onClick={() => setAsking('discard')}>
        Discard
      </button>
      {error && (
        <p role="alert" className="ops-error">
          {error.message}
        </p>
      )}
      {asking !== null && (
        <ModalDialog
          title={asking === 'requeue' ? 'Requeue dead letter' : 'Discard dead letter'}
          onClose={() => setAsking(null)}
        >
          <p>{QUESTION[asking](letter)}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
            <button
              type="button"
              className={asking === 'discard' ? 'danger' : 'ok'}
              autoFocus
              onClick={confirm}
            >
              {asking === 'requeue' ? 'Requeue' : 'Discard'}
            </button>
          </div>
        </ModalDialog>
      )}
    </div>
  );
}

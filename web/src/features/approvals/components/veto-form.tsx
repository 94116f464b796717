import { type FormEvent, type KeyboardEvent, useState } from 'react';

/**
 * Inline veto form: a reason is required (Confirm veto stays disabled while it is blank); the field takes the
 * focus, Enter sends, Escape cancels.
 */
export function VetoForm(props: {
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!blank && !props.busy) props.onConfirm(reason.trim());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    props.onCancel();
  };
  return (
    <form className="veto-form" aria-label="Veto" onSubmit={submit} onKeyDown={onKeyDown}>
      <label>
        Veto reason
        <input
          type="text"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="why this intent must not trade"
          autoFocus
        />
      </label>
      <button type="submit" className="danger" disabled={blank || props.busy}>
        Confirm veto
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';

/** Inline veto form: a reason is required (Confirm veto stays disabled while it is blank). */
export function VetoForm(props: {
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!blank) props.onConfirm(reason.trim());
  };
  return (
    <form className="veto-form" onSubmit={submit}>
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

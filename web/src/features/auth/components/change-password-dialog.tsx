import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@gamma/shared';
import { type FormEvent, useState } from 'react';
import { ModalDialog } from '@/components/modal-dialog';
import { trpcErrorCode } from '@/lib/trpc-error';
import { useChangePassword } from '../api/use-change-password';
import {
  changePasswordErrorText,
  newPasswordProblem,
  passwordChangedText,
} from '../core/change-password-text';

/** The form's three fields, its checks and `auth.changePassword`. */
function useChangePasswordForm() {
  const change = useChangePassword();
  const [fields, setFields] = useState({ current: '', next: '', again: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [failedAt, setFailedAt] = useState(0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fields.current === '' || change.isPending) return;
    const found = newPasswordProblem(fields.next, fields.again);
    setProblem(found);
    change.reset();
    if (found !== null) return;
    change.mutate(
      { currentPassword: fields.current, newPassword: fields.next },
      {
        onSuccess: () => setFields({ current: '', next: '', again: '' }),
        onError: () => setFailedAt(Date.now()),
      },
    );
  };
  const error = change.error;
  const alert =
    problem ??
    (error === null ? null : changePasswordErrorText(trpcErrorCode(error), error.message, failedAt));
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  return { change, fields, set, submit, alert };
}

function PasswordInput(props: {
  label: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        autoComplete={props.autoComplete}
        maxLength={PASSWORD_MAX_LENGTH}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus={props.autoFocus}
      />
    </label>
  );
}

/**
 * A modal dialog to change the signed-in user's password (`auth.changePassword`): the current one, the new one
 * twice (checked before asking: the same, 8 to 256 characters), the server's refusal in the form, and once
 * changed how many other sessions were signed out. Escape, Cancel or Close call `onClose`.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { change, fields, set, submit, alert } = useChangePasswordForm();
  if (change.data)
    return (
      <ModalDialog title="Change password" onClose={onClose}>
        <p role="status" className="dialog-done">
          {passwordChangedText(change.data.endedSessions)}
        </p>
        <div className="dialog-actions">
          <button type="button" className="ok" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </ModalDialog>
    );
  return (
    <ModalDialog title="Change password" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          value={fields.current}
          onChange={set('current')}
          autoFocus
        />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          value={fields.next}
          onChange={set('next')}
        />
        <PasswordInput
          label="New password again"
          autoComplete="new-password"
          value={fields.again}
          onChange={set('again')}
        />
        <p className="dialog-hint">
          At least {PASSWORD_MIN_LENGTH} characters. Your other sessions will be signed out; this one stays.
        </p>
        {alert !== null && (
          <p role="alert" className="login-error">
            {alert}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="ok" disabled={fields.current === '' || change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

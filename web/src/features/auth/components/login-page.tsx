import type { AuthUser } from '@gamma/shared';
import { type FormEvent, useState } from 'react';
import { trpcErrorCode } from '@/lib/trpc-error';
import { useLogin } from '../api/use-login';
import { loginErrorText } from '../core/login-error-text';

/**
 * The login page: username and password, `auth.login`, and a clear message when it fails (wrong
 * credentials, locked for a minute, gateway unreachable). `notice` says why the page is shown (e.g. the
 * session ended).
 */
export function LoginPage(props: { notice: string | null; onSignedIn: (user: AuthUser) => void }) {
  const login = useLogin(props.onSignedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failedAt, setFailedAt] = useState(0);
  const blank = username.trim() === '' || password === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blank || login.isPending) return;
    login.mutate({ username: username.trim(), password }, { onError: () => setFailedAt(Date.now()) });
  };
  const error = login.error;
  return (
    <main className="login">
      <form className="login-card" aria-label="Sign in" onSubmit={submit}>
        <h1>Gamma</h1>
        <p className="subtitle">options desk console</p>
        {props.notice !== null && error === null && (
          <p role="status" className="login-notice">
            {props.notice}
          </p>
        )}
        <label>
          Username
          <input
            type="text"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error !== null && (
          <p role="alert" className="login-error">
            {loginErrorText(trpcErrorCode(error), error.message, failedAt)}
          </p>
        )}
        <button type="submit" className="ok" disabled={blank || login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

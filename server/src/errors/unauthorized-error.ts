import { AppError } from './app-error.ts';

/** No one is signed in: no session cookie or bearer token, or one that expired or ended (issue 10). */
export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED';
  override readonly name = 'UnauthorizedError';
}

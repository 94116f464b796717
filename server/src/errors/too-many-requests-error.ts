import { AppError } from './app-error.ts';

/** Too many attempts in a window (failed sign-ins); the message says when to retry. */
export class TooManyRequestsError extends AppError {
  readonly code = 'TOO_MANY_REQUESTS';
  override readonly name = 'TooManyRequestsError';
}

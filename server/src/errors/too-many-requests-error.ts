import { AppError } from './app-error.ts';

/** Too many attempts in a window (failed sign-ins); the message says when to retry. */
export class TooManyRequestsError extends AppError {
  readonly code = 'TOO_MANY_REQUESTS';
  override readonly name = 'TooManyRequestsError';
  /** Seconds until a retry may succeed (the `Retry-After` of the reply), when known */
  readonly retryAfterS: number | null;

  constructor(message: string, options: ErrorOptions & { retryAfterS?: number } = {}) {
    super(message, options);
    this.retryAfterS = options.retryAfterS ?? null;
  }
}

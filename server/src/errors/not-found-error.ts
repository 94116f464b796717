import { AppError } from './app-error.ts';

/** The thing asked for does not exist (an unknown intent, no pending approval). */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  override readonly name = 'NotFoundError';
}

import { AppError } from './app-error.ts';

/** The request lost a race or comes too late: the record was decided, claimed or expired meanwhile. */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  override readonly name = 'ConflictError';
}

import { AppError } from './app-error.ts';

/** The request is valid but this process cannot serve it now (a closed bus, no audit store configured). */
export class InvalidStateError extends AppError {
  readonly code = 'INVALID_STATE';
  override readonly name = 'InvalidStateError';
}

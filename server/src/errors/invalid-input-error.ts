import { AppError } from './app-error.ts';

/** A caller passed a value that cannot be used (a malformed entry id, an unknown stream, a bad time). */
export class InvalidInputError extends AppError {
  readonly code = 'INVALID_INPUT';
  override readonly name = 'InvalidInputError';
}

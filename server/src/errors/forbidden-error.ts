import { AppError } from './app-error.ts';

/** The user may not do this (roles and accounts, issue 10). */
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  override readonly name = 'ForbiddenError';
}

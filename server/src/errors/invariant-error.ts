import { AppError } from './app-error.ts';

/** A broken invariant: a bug. The process should end rather than trade on bad state (CONVENTIONS §12). */
export class InvariantError extends AppError {
  readonly code = 'INVARIANT_VIOLATED';
  override readonly name = 'InvariantError';
}

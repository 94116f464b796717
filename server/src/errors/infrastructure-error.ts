import { AppError } from './app-error.ts';

/** Infrastructure failed or answered what it never should: Redis unreachable, an unexpected script reply, a port taken. */
export class InfrastructureError extends AppError {
  readonly code = 'INFRASTRUCTURE_FAILED';
  override readonly name = 'InfrastructureError';
}

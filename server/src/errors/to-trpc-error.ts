import { getTRPCErrorFromUnknown, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

import { AppError } from './app-error.ts';
import type { ConfigError } from './config-error.ts';
import type { ConflictError } from './conflict-error.ts';
import type { ForbiddenError } from './forbidden-error.ts';
import type { InfrastructureError } from './infrastructure-error.ts';
import type { InvalidInputError } from './invalid-input-error.ts';
import type { InvalidStateError } from './invalid-state-error.ts';
import type { InvariantError } from './invariant-error.ts';
import type { NotFoundError } from './not-found-error.ts';
import type { TooManyRequestsError } from './too-many-requests-error.ts';
import type { UnauthorizedError } from './unauthorized-error.ts';

/** The code of every error class: a new class without a row here does not compile. */
type AppErrorCode = (
  | NotFoundError
  | UnauthorizedError
  | TooManyRequestsError
  | ConflictError
  | ForbiddenError
  | InvalidStateError
  | InvalidInputError
  | InvariantError
  | ConfigError
  | InfrastructureError
)['code'];

/** What a client sees for each error class (`error.data.code`). Bugs and broken infrastructure are 500s. */
const TRPC_CODES: Readonly<Record<AppErrorCode, TRPC_ERROR_CODE_KEY>> = {
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'PRECONDITION_FAILED',
  INVALID_INPUT: 'BAD_REQUEST',
  INVARIANT_VIOLATED: 'INTERNAL_SERVER_ERROR',
  CONFIG_INVALID: 'INTERNAL_SERVER_ERROR',
  INFRASTRUCTURE_FAILED: 'INTERNAL_SERVER_ERROR',
};

/** The tRPC code of an error class; a class missing from the table counts as a bug. */
export function trpcCodeOf(error: AppError): TRPC_ERROR_CODE_KEY {
  return Object.hasOwn(TRPC_CODES, error.code)
    ? TRPC_CODES[error.code as AppErrorCode]
    : 'INTERNAL_SERVER_ERROR';
}

/**
 * The one translation of a thrown value into a tRPC error (CONVENTIONS §13): an {@link AppError}, bare or
 * already wrapped by tRPC as the cause of an internal error, keeps its message under its mapped code;
 * a `TRPCError` passes through; anything else is an internal error (its message is hidden in production
 * by the error formatter).
 */
export function toTRPCError(thrown: unknown): TRPCError {
  const cause = thrown instanceof TRPCError && thrown.cause instanceof AppError ? thrown.cause : thrown;
  if (cause instanceof AppError) {
    return new TRPCError({ code: trpcCodeOf(cause), message: cause.message, cause });
  }
  return getTRPCErrorFromUnknown(cause);
}

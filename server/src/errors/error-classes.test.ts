import { describe, expect, it } from 'vitest';
import {
  AppError,
  ConfigError,
  ConflictError,
  ForbiddenError,
  InfrastructureError,
  InvalidInputError,
  InvalidStateError,
  InvariantError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from './index.ts';

describe('the error classes', () => {
  it.each([
    [NotFoundError, 'NotFoundError', 'NOT_FOUND'],
    [ConflictError, 'ConflictError', 'CONFLICT'],
    [ForbiddenError, 'ForbiddenError', 'FORBIDDEN'],
    [InvalidStateError, 'InvalidStateError', 'INVALID_STATE'],
    [InvalidInputError, 'InvalidInputError', 'INVALID_INPUT'],
    [InvariantError, 'InvariantError', 'INVARIANT_VIOLATED'],
    [ConfigError, 'ConfigError', 'CONFIG_INVALID'],
    [InfrastructureError, 'InfrastructureError', 'INFRASTRUCTURE_FAILED'],
    [UnauthorizedError, 'UnauthorizedError', 'UNAUTHORIZED'],
    [TooManyRequestsError, 'TooManyRequestsError', 'TOO_MANY_REQUESTS'],
  ])('%o has its name and stable code, and keeps the message and cause', (ErrorClass, name, code) => {
    const cause = new Error('underneath');
    const error = new ErrorClass('what went wrong', { cause });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name, code, message: 'what went wrong', cause });
    expect(String(error)).toBe(`${name}: what went wrong`);
  });
});

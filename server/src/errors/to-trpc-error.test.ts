import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import {
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
import { toTRPCError } from './to-trpc-error.ts';

describe('toTRPCError', () => {
  describe('when given one of the error classes', () => {
    it.each([
      [new NotFoundError('unknown intent i-1'), 'NOT_FOUND'],
      [new ConflictError('intent i-1 is already vetoed'), 'CONFLICT'],
      [new ForbiddenError('risk managers only'), 'FORBIDDEN'],
      [new InvalidStateError('no audit store in this gateway'), 'PRECONDITION_FAILED'],
      [new InvalidInputError('lastEventId is not a stream entry id: x'), 'BAD_REQUEST'],
      [new InvariantError('reservation went negative'), 'INTERNAL_SERVER_ERROR'],
      [new ConfigError('STRATEGIES: duplicate instance grid_btc'), 'INTERNAL_SERVER_ERROR'],
      [new InfrastructureError('XADD returned no id'), 'INTERNAL_SERVER_ERROR'],
      [new UnauthorizedError('sign in first'), 'UNAUTHORIZED'],
      [new TooManyRequestsError('try again in 12 s'), 'TOO_MANY_REQUESTS'],
    ])('maps %s to %s, keeping the message and the cause', (error, code) => {
      const mapped = toTRPCError(error);
      expect(mapped).toBeInstanceOf(TRPCError);
      expect(mapped.code).toBe(code);
      expect(mapped.message).toBe(error.message);
      expect(mapped.cause).toBe(error);
    });
  });

  describe('when tRPC already wrapped one of them as an internal error', () => {
    it('maps the wrapped error', () => {
      const cause = new NotFoundError('unknown intent i-1');
      const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
      expect(toTRPCError(wrapped)).toMatchObject({ code: 'NOT_FOUND', message: 'unknown intent i-1', cause });
    });
  });

  describe('when given a TRPCError of its own', () => {
    it('passes it through', () => {
      const error = new TRPCError({ code: 'UNAUTHORIZED', message: 'who are you' });
      expect(toTRPCError(error)).toBe(error);
    });
  });

  describe('when given anything else', () => {
    it('is an internal error with the thrown value as its cause', () => {
      const bug = new TypeError('x is undefined');
      expect(toTRPCError(bug)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', cause: bug });
      expect(toTRPCError('a string')).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    });
  });
});

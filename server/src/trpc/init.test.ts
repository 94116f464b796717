import type { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config.ts';
import { InvalidInputError, InvariantError, NotFoundError } from '../errors/index.ts';
import type { RequestContext } from './context.ts';
import { publicProcedure, router } from './init.ts';

// Paths of the role table (the middleware refuses a path without a row): one public, two for viewers
const testRouter = router({
  health: publicProcedure.query(() => {
    throw new NotFoundError('unknown intent i-1');
  }),
  config: publicProcedure.query(() => {
    throw new InvariantError('reservation went negative');
  }),
  onIntent: publicProcedure.subscription(() => {
    throw new InvalidInputError('lastEventId is not a stream entry id: x');
  }),
});

// An HTTP request (a response to write to) of a signed-in admin
const ctxIn = (NODE_ENV: string) =>
  ({
    config: loadConfig({ NODE_ENV }),
    auth: null,
    readAuth: () => Promise.resolve({ username: 'admin', role: 'admin', sessionId: null }),
    res: {},
  }) as unknown as RequestContext;
const caller = testRouter.createCaller(ctxIn('test'));

/** The reply a client would get for the error (what the adapters send). */
const shapeOf = (error: TRPCError, NODE_ENV: string) =>
  getErrorShape({
    config: testRouter._def._config,
    error,
    type: 'query',
    path: 'health',
    input: undefined,
    ctx: ctxIn(NODE_ENV),
  });

describe('the base procedure', () => {
  describe('when a procedure throws one of the error classes', () => {
    it('fails with its tRPC code and its message', async () => {
      await expect(caller.health()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'unknown intent i-1',
      });
    });

    it('does so for subscriptions too', async () => {
      await expect(caller.onIntent()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  describe('when the error is internal', () => {
    it('shows the message outside production', async () => {
      const error = await caller.config().catch((e: unknown) => e as TRPCError);
      expect(shapeOf(error, 'development')).toMatchObject({
        message: 'reservation went negative',
        data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
      });
    });

    it('hides the message in production', async () => {
      const error = await caller.config().catch((e: unknown) => e as TRPCError);
      expect(shapeOf(error, 'production').message).toBe('Internal server error');
    });
  });

  describe('when a client error is shaped in production', () => {
    it('keeps its message, code and HTTP status', async () => {
      const error = await caller.health().catch((e: unknown) => e as TRPCError);
      expect(shapeOf(error, 'production')).toMatchObject({
        message: 'unknown intent i-1',
        data: { code: 'NOT_FOUND', httpStatus: 404, zodError: null },
      });
    });
  });
});

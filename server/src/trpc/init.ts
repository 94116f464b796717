import { roleAtLeast } from '@gamma/shared';
import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { ForbiddenError, InvariantError, UnauthorizedError } from '../errors/index.ts';
import { toTRPCError } from '../errors/to-trpc-error.ts';
import type { RequestContext } from './context.ts';
import { leastRoleOf } from './procedure-roles.ts';

/** The one tRPC instance (CONVENTIONS §4): no transformer, so plain JSON works with curl. */
const t = initTRPC.context<RequestContext>().create({
  errorFormatter: ({ shape, error, ctx }) => ({
    ...shape,
    // Internal failures keep their detail in the log, not in a production response
    message:
      error.code === 'INTERNAL_SERVER_ERROR' && ctx?.config.process.nodeEnv === 'production'
        ? 'Internal server error'
        : shape.message,
    data: {
      ...shape.data,
      // Flattened zod issues of a bad input, so the console can show them per field
      zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
    },
  }),
});

/**
 * Procedures throw the server's error classes; this turns them into their tRPC codes once, before the
 * adapters log (they log internal errors only) and the formatter shapes the reply.
 */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error);
  return result;
});

/**
 * The one enforcement of the role table (procedure-roles.ts), by the path of each call, so every call of
 * a batch is checked on its own: no identity → UNAUTHORIZED (401), a role below the path's → FORBIDDEN (403).
 * Public paths never look credentials up. A WebSocket call resolves the socket's identity again, so a
 * logout, an expiry, a disabled user or a changed role counts from the next call on sockets too.
 */
const enforceRoles = t.middleware(async ({ ctx, path, next }) => {
  const least = leastRoleOf(path);
  if (least === undefined) throw new InvariantError(`procedure ${path} has no row in the role table`);
  if (least === 'public') return next();
  const auth = await ctx.readAuth();
  if (auth === null)
    throw new UnauthorizedError(
      `${path} needs a signed-in user: sign in (auth.login) or send a bearer token`,
    );
  if (!roleAtLeast(auth.role, least))
    throw new ForbiddenError(`${path} needs the role ${least}; ${auth.username} is ${auth.role}`);
  return next({ ctx: { auth } });
});

export const router = t.router;
/** Every procedure starts here; who may call it is the role table's (procedure-roles.ts). */
export const publicProcedure = t.procedure.use(translateErrors).use(enforceRoles);
/**
 * Procedures that act for the signed-in user: `ctx.user` is the username (the identity on approvals,
 * vetoes, trading-state changes and audit rows). Their least role is the table's, not the builder's.
 */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.auth === null) throw new UnauthorizedError('sign in first');
  return next({ ctx: { auth: ctx.auth, user: ctx.auth.username } });
});
/** Approve and veto: acting for the signed-in user; the table makes them `trader` and up. */
export const traderProcedure = signedInProcedure;
/** Trading states and limits: acting for the signed-in user; the table makes them `risk_manager` and up. */
export const riskManagerProcedure = signedInProcedure;

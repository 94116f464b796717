import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { toTRPCError } from '../errors/to-trpc-error.ts';
import type { Context } from './context.ts';

/** The one tRPC instance (CONVENTIONS §4): no transformer, so plain JSON works with curl. */
const t = initTRPC.context<Context>().create({
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

export const router = t.router;
/** Every procedure starts here. */
export const publicProcedure = t.procedure.use(translateErrors);
/** Procedures acting for a trader: `ctx.user` is who decided (SPEC §5.5). */
export const traderProcedure = publicProcedure;
/**
 * Procedures only a risk manager may call (setting trading states). Accounts and roles come with issue 10:
 * until then any caller may, recorded as `ctx.user`; the role check belongs here (a middleware throwing
 * `ForbiddenError`).
 */
export const riskManagerProcedure = traderProcedure;

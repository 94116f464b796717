import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';

/** The one tRPC instance (CONVENTIONS §4): no transformer, so plain JSON works with curl. */
const t = initTRPC.context<Context>().create({
  errorFormatter: ({ shape, error, ctx }) => ({
    ...shape,
    // Internal failures keep their detail in the log, not in a production response
    message:
      error.code === 'INTERNAL_SERVER_ERROR' && ctx?.env.NODE_ENV === 'production'
        ? 'Internal server error'
        : shape.message,
    data: {
      ...shape.data,
      // Flattened zod issues of a bad input, so the console can show them per field
      zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
    },
  }),
});

export const router = t.router;
export const publicProcedure = t.procedure;
/** Procedures acting for a trader: `ctx.user` is who decided (SPEC §5.5). */
export const traderProcedure = t.procedure;

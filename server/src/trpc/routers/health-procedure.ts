import { publicProcedure } from '../init.ts';

/** `{ status: 'ok', redis: 'up' | 'down', version }` */
export const healthProcedure = publicProcedure.query(async ({ ctx }) => ({
  status: 'ok' as const,
  redis: (await ctx.stores.ping()) ? ('up' as const) : ('down' as const),
  version: ctx.version,
}));

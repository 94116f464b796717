import type { AppRouter } from '@gamma/server';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** The one tRPC context of the console (CONVENTIONS §20). */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Outputs of every procedure, e.g. `RouterOutputs['approvals']['pending']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
/** Inputs of every procedure. */
export type RouterInputs = inferRouterInputs<AppRouter>;

import { TRPCClientError } from '@trpc/client';

/**
 * The tRPC error code the server answered with (`UNAUTHORIZED`, `TOO_MANY_REQUESTS`, …), or undefined when
 * no answer came from the gateway (network down, gateway stopped, a proxy's error page).
 */
export function trpcErrorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('code' in data)) return undefined;
  return typeof data.code === 'string' ? data.code : undefined;
}

/** Whether the server said there is no (longer a) session. */
export const isUnauthorized = (error: unknown): boolean => trpcErrorCode(error) === 'UNAUTHORIZED';

import type { AppRouter } from '@gamma/server';
import { QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { type ReactNode, useState } from 'react';
import { createQueryClient } from '@/lib/query-client';
import { createConsoleClients } from '@/lib/trpc-client';
import { TRPCProvider } from '@/lib/trpc';

/** Answers one procedure call: a value, or a thrown {@link serverError} / {@link unreachable}. */
export type FakeServer = (path: string, input: unknown) => unknown;

/** A tRPC link that answers every query and mutation from `server` in memory (subscriptions never emit). */
export function fakeLink(server: FakeServer): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        if (op.type === 'subscription') return () => undefined;
        Promise.resolve()
          .then(() => server(op.path, op.input))
          .then(
            (data: unknown) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (error: unknown) => observer.error(TRPCClientError.from(error as Error)),
          );
        return () => undefined;
      });
}

/** What the gateway answers with a tRPC error `code` (`UNAUTHORIZED`, `TOO_MANY_REQUESTS`, …). */
export function serverError(code: string, message: string = code): TRPCClientError<AppRouter> {
  return TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus: 400 } } });
}

/** What fetch throws when the gateway cannot be reached. */
export const unreachable = (): TypeError => new TypeError('Failed to fetch');

/** TanStack Query and tRPC providers over {@link fakeLink} (for components of a feature). */
export function FakeTrpcProviders({ server, children }: { server: FakeServer; children: ReactNode }) {
  const [queryClient] = useState(() => createQueryClient());
  const [{ trpcClient }] = useState(() =>
    createConsoleClients({ onSocketClosed: () => undefined, link: fakeLink(server) }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

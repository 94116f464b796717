import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { TRPCProvider } from '@/lib/trpc';
import type { ConsoleRuntime } from './console-runtime';

/** TanStack Query and the tRPC client for the whole console. */
export function AppProvider({ runtime, children }: { runtime: ConsoleRuntime; children: ReactNode }) {
  return (
    <QueryClientProvider client={runtime.queryClient}>
      <TRPCProvider trpcClient={runtime.trpcClient} queryClient={runtime.queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The latest macro state snapshot (the live stream updates it on top). */
export function useMacroLatest() {
  const trpc = useTRPC();
  return useQuery(trpc.macro.latest.queryOptions());
}

/** Recent macro states, oldest first, to seed the chart. */
export function useMacroHistory() {
  const trpc = useTRPC();
  return useQuery(trpc.macro.history.queryOptions());
}

import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

/** One row of `intents.recent`. */
export type RecentIntent = RouterOutputs['intents']['recent'][number];

/** Rows the feed asks for. */
export const FEED_LIMIT = 50;

/** The newest intents with status and decisions; refetched on every live event, polled as a fallback. */
export function useRecentIntents() {
  const trpc = useTRPC();
  return useQuery(trpc.intents.recent.queryOptions({ limit: FEED_LIMIT }, { refetchInterval: 10_000 }));
}

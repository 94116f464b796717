import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

/** One stream of `monitoring.streams`. */
export type StreamInfo = RouterOutputs['monitoring']['streams'][number];

/** Poll period of the pipeline table. */
export const PIPELINE_POLL_MS = 5000;

/** Per stream and consumer group: length, lag, pending, delay, dead letters (SPEC §10.4), polled. */
export function useStreamMonitoring() {
  const trpc = useTRPC();
  return useQuery(trpc.monitoring.streams.queryOptions(undefined, { refetchInterval: PIPELINE_POLL_MS }));
}

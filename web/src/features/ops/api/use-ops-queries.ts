import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

/** How often the Ops page polls (no subscription carries these figures). */
export const OPS_POLL_MS = 3000;

/** One stream of `monitoring.streams`. */
export type StreamInfo = RouterOutputs['monitoring']['streams'][number];
/** One service instance of `monitoring.services`. */
export type ServiceHealth = RouterOutputs['monitoring']['services']['services'][number];
/** One dead letter of `monitoring.deadLetters`. */
export type DeadLetter = RouterOutputs['monitoring']['deadLetters']['letters'][number];

/** Per stream and group: length, lag, pending, idle, delay, handled and failed per minute; polled. */
export function useStreams() {
  const trpc = useTRPC();
  return useQuery(trpc.monitoring.streams.queryOptions(undefined, { refetchInterval: OPS_POLL_MS }));
}

/** Each service instance's heartbeat status and last activity; polled. */
export function useServices() {
  const trpc = useTRPC();
  return useQuery(trpc.monitoring.services.queryOptions(undefined, { refetchInterval: OPS_POLL_MS }));
}

/** The newest 100 dead letters with their handling; polled. */
export function useDeadLetters() {
  const trpc = useTRPC();
  return useQuery(trpc.monitoring.deadLetters.queryOptions({ limit: 100 }, { refetchInterval: OPS_POLL_MS }));
}

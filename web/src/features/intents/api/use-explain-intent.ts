import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

/** One node of the explainability chain. */
export type ExplainNode = RouterOutputs['intents']['explain']['nodes'][number];

/** The chain intent → decisions → orders → fills of one intent (SPEC §12 item 4) and the hops between its steps. */
export function useExplainIntent(intentId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.intents.explain.queryOptions({ intent_id: intentId }));
}

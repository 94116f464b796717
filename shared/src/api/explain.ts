import { z } from 'zod';
import { STREAM_NAMES, type StreamName } from '../messages/streams.ts';
import { ID_MAX_LENGTH } from './input-limits.ts';

/** Input of `intents.explain`. */
export const ExplainInputSchema = z.object({ intent_id: z.string().min(1).max(ID_MAX_LENGTH) });

/** One node of an intent's explainability chain (SPEC §12 item 4). */
export const ExplainNodeSchema = z.object({
  stream: z.enum(STREAM_NAMES as [StreamName, ...StreamName[]]),
  /** Redis stream entry id `<ms>-<seq>` */
  entry_id: z.string(),
  /** The message's own timestamp */
  timestamp: z.string(),
  message: z.unknown(),
});
export type ExplainNode = z.infer<typeof ExplainNodeSchema>;

/**
 * One step of an intent's way through the desk and the time it took. `from` and `to` are event labels:
 * `signal`, `intent`, `decision:<status>`, `approval`, `veto`, `command`, `order:<client_order_id>`,
 * `fill:<client_order_id>`. `ms` is the difference of the two entries' stream ids (Redis' clock at XADD).
 */
export const HopSchema = z.object({
  from: z.string(),
  to: z.string(),
  ms: z.number().int().nonnegative(),
});
export type Hop = z.infer<typeof HopSchema>;

/** Output of `intents.explain`: the chain's nodes in causal order, and the hops between them. */
export const ExplainOutputSchema = z.object({
  nodes: z.array(ExplainNodeSchema),
  hops: z.array(HopSchema),
});
export type Explanation = z.infer<typeof ExplainOutputSchema>;

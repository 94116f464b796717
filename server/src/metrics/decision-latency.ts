import type { StreamName } from '@gamma/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Histogram } from 'prom-client';
import type { Bus, Entry } from '../bus/bus.ts';
import { errorText } from '../bus/codec.ts';
import type { Logger } from '../lib/logger.ts';

/** Upper bounds of the decision-latency buckets, seconds. */
export const DECISION_BUCKETS_S = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/** Intents (and early decisions) remembered at most while waiting for their match; the oldest go first. */
const MAX_TRACKED = 50_000;

/** Pause before following a stream again after its tail failed (Redis away). */
const RETRY_MS = 1000;

/** The millisecond part of an entry id: when Redis appended the entry. */
const entryMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/** Remembers `key` in an insertion-ordered map bounded by {@link MAX_TRACKED}. */
function remember<TValue>(map: Map<string, TValue>, key: string, value: TValue): void {
  map.set(key, value);
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
}

/**
 * The engine's decision latency as the streams show it: from an intent's entry on `strategy.intent` to the
 * first decision of that intent on `intent.decision` (both times are entry ids, Redis' own clock, so no process
 * clock is involved and any number of engine processes are measured alike). Later decisions of an intent (a
 * trader's approval) are not the engine's and are not counted. Follows both streams from the gateway's start
 * through the bus' shared tails, so it costs no Redis connection of its own.
 */
export class DecisionLatency {
  private readonly abort = new AbortController();
  /** Intent id → its entry's ms, until its first decision */
  private readonly intents = new Map<string, number>();
  /** Intent id → the ms of a decision read before its intent (two tails race), until the intent comes */
  private readonly early = new Map<string, number>();
  /** Intents whose first decision was counted */
  private readonly counted = new Map<string, true>();
  private loops: Promise<void>[] = [];

  constructor(private readonly deps: { bus: Bus; log: Logger; histogram: Histogram }) {}

  start(): void {
    this.loops = [
      this.follow('strategy.intent', (entry) => this.intentSeen(entry.message.intent_id, entryMs(entry.id))),
      this.follow('intent.decision', (entry) =>
        this.decisionSeen(entry.message.intent_id, entryMs(entry.id)),
      ),
    ];
  }

  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private intentSeen(intentId: string, ms: number): void {
    if (this.counted.has(intentId)) return;
    const decidedMs = this.early.get(intentId);
    if (decidedMs === undefined) return remember(this.intents, intentId, ms);
    this.early.delete(intentId);
    this.observe(intentId, decidedMs - ms);
  }

  private decisionSeen(intentId: string, ms: number): void {
    if (this.counted.has(intentId) || this.early.has(intentId)) return;
    const intentMs = this.intents.get(intentId);
    if (intentMs === undefined) return remember(this.early, intentId, ms);
    this.intents.delete(intentId);
    this.observe(intentId, ms - intentMs);
  }

  private observe(intentId: string, ms: number): void {
    remember(this.counted, intentId, true);
    this.deps.histogram.observe(Math.max(0, ms) / 1000);
  }

  private async follow<TName extends StreamName>(
    name: TName,
    apply: (entry: Entry<TName>) => void,
  ): Promise<void> {
    const { signal } = this.abort;
    // A tail only ends on abort or an error; after an error, go on from now (a missed pair is only not counted)
    while (!signal.aborted) {
      try {
        for await (const entry of this.deps.bus.tail(name, { signal })) apply(entry);
      } catch (error) {
        if (signal.aborted) return;
        this.deps.log.warn('decision latency tail failed', { stream: name, error: errorText(error) });
        await sleep(RETRY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}

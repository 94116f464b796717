import type { Clock } from '../lib/clock.ts';
import type { ReplayPlan } from './replay-plan.ts';

/**
 * How far apart (ms) a replayed emission and a recorded one of the same instance may be and still be
 * the same intent: the live runner publishes within milliseconds of the entry that triggered it.
 */
export const MATCH_WINDOW_MS = 2_000;

interface Candidate {
  /** The recorded intent id, or the recorded signal's entry id */
  id: string;
  ms: number;
  dueIndex: number;
}

/**
 * Gives the replayed strategies the ids the live run gave them. An instance's next emission takes the
 * id of its earliest recorded intent (or signal) not yet taken, recorded within {@link MATCH_WINDOW_MS}
 * of the replay clock and not yet due at the engine; otherwise a fresh `replay-<instance>-<n>`. So a
 * run that behaves as recorded carries the recorded ids, and the recorded fills, approvals and
 * execution rejections that name them reach the replayed intents.
 */
export class IntentMatcher {
  private readonly intents = new Map<string, Candidate[]>();
  private readonly signals = new Map<string, Candidate[]>();
  private readonly taken = new Set<string>();
  private fresh = 0;

  constructor(
    plan: ReplayPlan,
    private readonly clock: Clock,
    private readonly position: () => number,
  ) {
    for (const { entry, due } of plan.intents.values()) {
      if (entry.message.intent_type === 'legacy_signal') continue;
      push(this.intents, entry.message.strategy_id, {
        id: entry.message.intent_id,
        ms: entry.ms,
        dueIndex: due.index,
      });
    }
    for (const { entry, due } of plan.signals.values())
      push(this.signals, entry.message.strategy_id, { id: entry.id, ms: entry.ms, dueIndex: due.index });
  }

  /** The id source of one strategy instance. */
  intentIds(strategyId: string): () => string {
    return () => this.take(this.intents.get(strategyId), strategyId);
  }

  /** The entry id a replayed signal of `strategyId` stands for (the engine names its intent after it). */
  signalEntryId(strategyId: string): string {
    return this.take(this.signals.get(strategyId), strategyId);
  }

  /** Whether a recorded intent id or signal entry id was produced by the replayed strategies. */
  wasTaken(id: string): boolean {
    return this.taken.has(id);
  }

  private take(candidates: Candidate[] | undefined, strategyId: string): string {
    const now = this.clock.now();
    const index = this.position();
    const match = candidates?.find(
      (c) => !this.taken.has(c.id) && c.dueIndex > index && Math.abs(c.ms - now) <= MATCH_WINDOW_MS,
    );
    if (match === undefined) {
      this.fresh += 1;
      return `replay-${strategyId}-${this.fresh}`;
    }
    this.taken.add(match.id);
    return match.id;
  }
}

function push(map: Map<string, Candidate[]>, key: string, candidate: Candidate): void {
  const list = map.get(key);
  if (list) list.push(candidate);
  else map.set(key, [candidate]);
}

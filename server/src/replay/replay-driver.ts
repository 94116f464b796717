import {
  FIRST_APPROVAL_STAGE,
  STREAMS,
  type IntentApprovalCommand,
  type StreamInput,
  type StreamName,
} from '@gamma/shared';
import type { AppConfig } from '../config/app-config.ts';
import type { Logger } from '../lib/logger.ts';
import { feedEntry } from './feed-entry.ts';
import { IntentMatcher } from './intent-matcher.ts';
import type { RecordedEntry } from './read-record.ts';
import type { ReplayPlan } from './replay-plan.ts';
import { buildReplayWorld, type ReplayWorld } from './replay-world.ts';

/** The live engine sweeps every second; approvals the record shows no sweep for are expired this late. */
export const LATE_SWEEP_MS = 5_000;

type Decision = StreamInput<'intent.decision'>;
type Intent = StreamInput<'strategy.intent'>;

/** What a replay produced. */
export interface ReplayOutcome {
  /** The replayed engine's decisions by decision_id, in the order it made them */
  decisions: Map<string, Decision>;
  /** Every intent the replayed engine took in, by intent_id */
  intents: Map<string, Intent>;
  /** Recorded intent ids the replayed strategies produced themselves (the rest were fed from the record) */
  produced: Set<string>;
  /** Entries whose handler threw (logged) */
  failedEntries: number;
}

/**
 * The recorded command as this replay's claim published it: whether an approve is a four-eyes first approval
 * follows the replayed record (the replay's FOUR_EYES_* settings), not the recording's, so a recording made
 * under other settings still reaches a decision.
 */
export function asClaimed(command: IntentApprovalCommand, stage: 'first' | 'final'): IntentApprovalCommand {
  const { stage: _recorded, ...metadata } = command.metadata;
  return {
    ...command,
    metadata: stage === 'first' ? { ...metadata, stage: FIRST_APPROVAL_STAGE } : metadata,
  };
}

interface Action {
  ms: number;
  order: number;
  run: () => Promise<void>;
}

/**
 * Walks the record in order with the replay clock at each entry's time: recorded inputs go to the engine
 * and the strategies, the strategies' intents to the engine's intake, each at the moment the live engine
 * decided it; recorded trader commands are claimed and handled when the live engine handled them.
 */
export class ReplayDriver {
  private readonly world: ReplayWorld & { matcher: IntentMatcher };
  private readonly actions = new Map<number, Action[]>();
  private readonly queue: (() => Promise<void>)[] = [];
  private readonly stash = new Map<string, Intent>();
  private readonly outcome: ReplayOutcome = {
    decisions: new Map(),
    intents: new Map(),
    produced: new Set(),
    failedEntries: 0,
  };
  private index = 0;
  private lastLateSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly plan: ReplayPlan,
    private readonly deps: { config: AppConfig; log: Logger },
  ) {
    this.world = buildReplayWorld({
      config: deps.config,
      log: deps.log,
      matcher: (clock) => new IntentMatcher(plan, clock, () => this.index),
      listener: (name, message) => this.onPublish(name, message),
    });
    this.schedule();
  }

  async run(): Promise<ReplayOutcome> {
    const { entries } = this.plan;
    for (this.index = 0; this.index < entries.length; this.index += 1) {
      await this.runActions(this.index);
      const entry = entries[this.index] as RecordedEntry;
      this.world.clock.set(entry.ms);
      await this.lateSweep(entry.ms);
      await this.step(entry);
    }
    for (const at of [...this.actions.keys()].filter((i) => i >= entries.length).sort((a, b) => a - b))
      await this.runActions(at);
    await this.world.close();
    return this.outcome;
  }

  private async step(entry: RecordedEntry): Promise<void> {
    try {
      await feedEntry(this.world, entry, {
        isProducedBy: (strategyId) =>
          this.deps.config.strategyRunner.instances.some((i) => i.id === strategyId),
      });
    } catch (error) {
      this.outcome.failedEntries += 1;
      this.deps.log.warn('replay: entry not applied', {
        stream: entry.stream,
        entry_id: entry.id,
        error: String(error),
      });
    }
    await this.drain();
  }

  /** Every action of the plan at its due: intakes, trader commands and the recorded expiry sweeps. */
  private schedule(): void {
    const { engine, stores } = this.world;
    for (const [intentId, planned] of this.plan.intents)
      this.at(planned.due.index, {
        ...planned.due,
        run: () => this.intakeDue(intentId, planned.entry.message),
      });
    for (const { entry, due } of this.plan.approvals) {
      const command = entry.message;
      this.at(due.index, {
        ...due,
        run: async () => {
          const claim = await stores.approvals.claim({
            intentId: command.intent_id,
            command: command.command,
            requestedBy: command.requested_by,
            reason: command.reason,
            commandId: command.command_id,
            nowMs: due.ms,
          });
          if (claim.ok) await engine.handleApproval(asClaimed(command, claim.stage));
        },
      });
    }
    for (const due of this.plan.sweeps) this.at(due.index, { ...due, run: () => engine.sweep() });
  }

  private at(index: number, action: Action): void {
    const list = this.actions.get(index);
    if (list) list.push(action);
    else this.actions.set(index, [action]);
  }

  private async runActions(index: number): Promise<void> {
    const due = this.actions.get(index);
    if (!due) return;
    this.actions.delete(index);
    for (const action of [...due].sort((a, b) => a.order - b.order)) {
      this.world.clock.set(action.ms);
      await action.run();
      await this.drain();
    }
  }

  /** A recorded intent's due: the replayed strategies' version of it when they produced one, else the record's. */
  private intakeDue(intentId: string, recorded: Intent): Promise<void> {
    const produced = this.stash.get(intentId);
    this.stash.delete(intentId);
    if (produced) this.outcome.produced.add(intentId);
    return this.intake(produced ?? recorded);
  }

  private async intake(intent: Intent): Promise<void> {
    if (this.outcome.intents.has(intent.intent_id)) return;
    this.outcome.intents.set(intent.intent_id, intent);
    await this.world.engine.handleIntent(STREAMS['strategy.intent'].parse(intent));
  }

  /** Expires approvals the record has no sweep for (another configuration's), as the live sweep would. */
  private async lateSweep(nowMs: number): Promise<void> {
    if (nowMs - this.lastLateSweep < 1_000) return;
    this.lastLateSweep = nowMs;
    this.world.clock.set(nowMs - LATE_SWEEP_MS);
    await this.world.engine.sweep();
    this.world.clock.set(nowMs);
    await this.drain();
  }

  private onPublish<TName extends StreamName>(name: TName, message: StreamInput<TName>): void {
    if (name === 'strategy.intent') this.onIntent(message as Intent);
    else if (name === 'strategy.signal') {
      const signal = STREAMS['strategy.signal'].parse(message);
      const entryId = this.world.matcher.signalEntryId(signal.strategy_id);
      this.queue.push(() => this.world.engine.handleSignal(signal, { id: entryId }));
    } else if (name === 'intent.decision') {
      const decision = message as Decision;
      if (!this.outcome.decisions.has(decision.decision_id))
        this.outcome.decisions.set(decision.decision_id, decision);
      this.queue.push(() => this.world.runner.handleDecision(STREAMS['intent.decision'].parse(decision)));
    }
  }

  /** An intent the record has and the engine has not yet decided waits for its due; any other is taken in now. */
  private onIntent(intent: Intent): void {
    const planned = this.plan.intents.get(intent.intent_id);
    if (planned && planned.due.index > this.index && !this.stash.has(intent.intent_id))
      this.stash.set(intent.intent_id, intent);
    else this.queue.push(() => this.intake(intent));
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) await next();
  }
}

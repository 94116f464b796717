import type { StreamMessage, StreamName } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { errorText } from '../../bus/codec.ts';
import { compareEntryIds } from '../../bus/entry-id.ts';
import { InfrastructureError } from '../../errors/index.ts';
import type { Logger } from '../../lib/logger.ts';

/** Handles one entry of a state stream. */
export type StateHandler<TName extends StreamName> = (
  message: StreamMessage<TName>,
  entry: { id: string },
) => Promise<void> | void;

/**
 * State streams read by every engine process without a consumer group (SPEC §2 Tails): each process
 * sees every entry, so each holds the whole book. `caughtUp()` waits until every tail has handled the
 * newest entry of its stream at call time, so an evaluation runs on the state published before it.
 */
export class StateTails {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly seen = new Map<StreamName, string>();
  private waiters = new Set<() => void>();
  /** The running read of the newest ids, and when it was sent (`performance.now()`) */
  private check: { sentAt: number; done: Promise<void> } | null = null;
  /** A check to be sent on the next turn of the event loop */
  private scheduled: Promise<void> | null = null;
  /** When the newest check that the tails then reached was sent */
  private reachedAt = -Infinity;

  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /**
   * Follows a stream from just after `after` (the newest warm-up entry), or from its start when the
   * warm-up found it empty (`0-0`), so no entry published after the warm-up is missed. A handler that
   * throws is logged and the tail goes on (a tail has no redelivery).
   */
  follow<TName extends StreamName>(name: TName, after: string, handler: StateHandler<TName>): void {
    this.seen.set(name, after);
    const entries = this.bus.tail(name, { after, signal: this.abort.signal });
    const loop = (async () => {
      for await (const entry of entries) {
        try {
          await handler(entry.message, { id: entry.id });
        } catch (error) {
          this.log.error('state entry not applied', {
            stream: name,
            entry_id: entry.id,
            error: errorText(error),
          });
        }
        this.seen.set(name, entry.id);
        this.wake();
      }
    })().catch((error: unknown) => {
      if (!this.abort.signal.aborted)
        this.log.error('state tail stopped', { stream: name, error: errorText(error) });
    });
    this.loops.push(loop);
  }

  /**
   * Resolves once every followed stream's tail has handled the newest entry the stream held at an instant
   * no earlier than `since` (a `performance.now()` reading; default: now). Calls made while a check sent
   * at or after their `since` is running share it, and a check that succeeded after `since` answers at
   * once: a batch of intents read together costs one read of the newest ids, not one per intent. It never
   * gives up while the engine runs: each `roundMs` it is still behind (Redis restarting or loading its
   * AOF, a long backfill), it logs, asks Redis the newest ids again and goes on waiting, so the entry in
   * hand is decided as soon as Redis answers. Rejects only when the tails close.
   */
  caughtUp(roundMs: number, since: number = performance.now()): Promise<void> {
    if (this.reachedAt >= since) return Promise.resolve();
    if (this.check !== null && this.check.sentAt >= since) return this.check.done;
    // Sent on the next turn of the event loop, so the handlers of one batch, which each ask as they start,
    // all join it (a check sent later than a call always serves it)
    this.scheduled ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.scheduled = null;
        this.startCheck(roundMs).then(resolve, reject);
      });
    });
    return this.scheduled;
  }

  private startCheck(roundMs: number): Promise<void> {
    const sentAt = performance.now();
    const done = this.catchUp(roundMs).then(() => {
      this.reachedAt = Math.max(this.reachedAt, sentAt);
    });
    const check = { sentAt, done };
    this.check = check;
    const clear = () => {
      if (this.check === check) this.check = null;
    };
    done.then(clear, clear);
    return done;
  }

  private async catchUp(roundMs: number): Promise<void> {
    const names = [...this.seen.keys()];
    for (let round = 1; ; round += 1) {
      const newest = await this.newestIds(names, roundMs);
      if (newest !== null && (await this.reach(names, newest, roundMs))) return;
      if (this.abort.signal.aborted) throw new InfrastructureError('engine state tails closed');
      this.log.warn('engine state tails behind; still waiting', {
        streams: newest === null ? 'newest ids unknown (Redis not answering)' : this.behind(names, newest),
        waited_ms: round * roundMs,
      });
    }
  }

  /** The newest id of each stream, null when Redis does not answer within `roundMs` (or fails). */
  private async newestIds(names: StreamName[], roundMs: number): Promise<(string | undefined)[] | null> {
    const ask = Promise.all(names.map(async (name) => (await this.bus.latest(name, 1))[0]?.id));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), roundMs);
    });
    try {
      return await Promise.race([ask, late]);
    } catch (error) {
      this.log.debug('newest state ids not read', { error: errorText(error) });
      // A fast failure (not a slow answer) would spin: wait out the rest of the round.
      await late;
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private behind(names: StreamName[], newest: (string | undefined)[]): StreamName[] {
    return names.filter((name, i) => {
      const target = newest[i];
      const seen = this.seen.get(name);
      return target !== undefined && seen !== undefined && compareEntryIds(seen, target) < 0;
    });
  }

  /** Whether every tail reaches `newest` within `ms` (false on timeout or close). */
  private reach(names: StreamName[], newest: (string | undefined)[], ms: number): Promise<boolean> {
    if (this.behind(names, newest).length === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const check = (): void => {
        if (this.abort.signal.aborted) finish(false);
        else if (this.behind(names, newest).length === 0) finish(true);
      };
      const timer = setTimeout(() => finish(false), ms);
      const finish = (reached: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.abort.signal.removeEventListener('abort', check);
        resolve(reached);
      };
      this.waiters.add(check);
      this.abort.signal.addEventListener('abort', check);
      check();
    });
  }

  /** Stops every tail and waits for the entry in hand. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops.splice(0));
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }
}

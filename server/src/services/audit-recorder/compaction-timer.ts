import { runCompactionPass, type RetentionSettings } from '../../audit/audit-retention.ts';
import type { AuditCompaction } from '../../audit/audit-store.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';

/**
 * Runs a compaction pass every `intervalMs` (the first one interval after start, so a start catches up
 * on its stream backlog first), in the background of the recorder: a
 * pass still running when the next is due is not doubled, and `close()` stops it between two batches.
 */
export class CompactionTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly compaction: AuditCompaction,
    private readonly settings: RetentionSettings & { intervalMs: number },
    private readonly deps: { clock: Clock; log: Logger },
  ) {}

  start(): void {
    this.deps.log.info('audit compaction scheduled', {
      market_raw_h: this.settings.rawHours,
      interval_s: this.settings.intervalMs / 1000,
      batch_rows: this.settings.batchRows,
    });
    this.timer = setInterval(() => void this.tick(), this.settings.intervalMs);
  }

  /** Resolves when the pass in progress (if any) has stopped. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running;
  }

  private tick(): Promise<void> {
    if (this.running || this.stopping.signal.aborted) return this.running ?? Promise.resolve();
    const pass = runCompactionPass(this.compaction, this.settings, {
      nowMs: this.deps.clock.now(),
      log: this.deps.log,
      signal: this.stopping.signal,
    })
      .then(() => undefined)
      // A failed pass (store unreachable) is retried by the next one; recording is not affected
      .catch((error: unknown) => this.deps.log.warn('audit compaction failed', { error: String(error) }))
      .finally(() => {
        this.running = null;
      });
    this.running = pass;
    return pass;
  }
}

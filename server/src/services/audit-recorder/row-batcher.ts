import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditRow, AuditStore } from '../../audit/audit-store.ts';
import type { Logger } from '../../lib/logger.ts';
import { isRowError } from './store-errors.ts';

interface Waiting {
  row: AuditRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How rows are grouped into one INSERT, and how an unreachable store is retried. */
export interface RowBatcherOptions {
  /** Flush as soon as this many rows wait */
  maxBatch: number;
  /** Longest a row waits for company before its batch is written */
  lingerMs: number;
  /** First and longest wait between attempts while the store is unreachable */
  retryMinMs: number;
  retryMaxMs: number;
}

/**
 * Gathers rows from every stream's handler into batch INSERTs. Each `add` resolves once its row is
 * stored (so the bus acks only then). While the store is unreachable the batch is retried with
 * backoff (entries stay unacked and nothing floods the DLQ); a batch refused for its data is retried
 * row by row, and only the refused rows reject (their entries are redelivered, then dead-lettered).
 * After `close()` nothing is retried: waiting rows reject and stay pending for the next start.
 */
export class RowBatcher {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly closing = new AbortController();

  constructor(
    private readonly store: AuditStore,
    private readonly options: RowBatcherOptions,
    private readonly log: Logger,
  ) {}

  /** Queues a row; resolves when it is stored (or was already). */
  add(row: AuditRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.options.lingerMs);
    });
  }

  /** Writes what waits now (after any write in progress); resolves when that write is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting.splice(0);
    if (batch.length > 0) this.chain = this.chain.then(() => this.write(batch));
    return this.chain;
  }

  /** Writes what waits once more, then stops retrying. */
  async close(): Promise<void> {
    const last = this.flush();
    this.closing.abort();
    await last;
  }

  private async write(batch: Waiting[]): Promise<void> {
    let delay = this.options.retryMinMs;
    for (;;) {
      try {
        const inserted = await this.store.insert(batch.map((w) => w.row));
        this.log.debug('audit batch written', { rows: batch.length, new: inserted });
        for (const w of batch) w.resolve();
        return;
      } catch (error) {
        if (isRowError(error)) return this.writeOneByOne(batch, error);
        if (this.closing.signal.aborted) return this.rejectAll(batch, error);
        this.log.warn('audit store unreachable; retrying', {
          rows: batch.length,
          retry_in_ms: delay,
          error: String(error),
        });
        await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => undefined);
        delay = Math.min(delay * 2, this.options.retryMaxMs);
      }
    }
  }

  private async writeOneByOne(batch: Waiting[], cause: unknown): Promise<void> {
    if (batch.length === 1) return this.rejectAll(batch, cause);
    this.log.warn('audit batch refused; writing its rows one by one', {
      rows: batch.length,
      error: String(cause),
    });
    for (const w of batch) {
      try {
        await this.store.insert([w.row]);
        w.resolve();
      } catch (error) {
        this.log.error('audit row refused', {
          stream: w.row.stream,
          entry_id: w.row.entry_id,
          error: String(error),
        });
        w.reject(error);
      }
    }
  }

  private rejectAll(batch: Waiting[], error: unknown): void {
    for (const w of batch) w.reject(error);
  }
}

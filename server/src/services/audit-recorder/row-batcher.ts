import type { AuditRow, AuditStore } from '../../audit/audit-store.ts';
import type { Logger } from '../../lib/logger.ts';

interface Waiting {
  row: AuditRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How rows are grouped into one INSERT. */
export interface RowBatcherOptions {
  /** Flush as soon as this many rows wait */
  maxBatch: number;
  /** Longest a row waits for company before its batch is written */
  lingerMs: number;
}

/**
 * Gathers rows from every stream's handler into batch INSERTs. Each `add` resolves once its row is
 * stored (so the bus acks only then) and rejects when it could not be (the entry stays pending and is
 * redelivered). A failed batch is retried row by row, so one bad row cannot hold back the others.
 */
export class RowBatcher {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AuditStore,
    private readonly options: RowBatcherOptions,
    private readonly log: Logger,
  ) {}

  /** Queues a row; resolves when it is stored (or was already). */
  add(row: AuditRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
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

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const inserted = await this.store.insert(batch.map((w) => w.row));
      this.log.debug('audit batch written', { rows: batch.length, new: inserted });
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      this.log.warn('audit batch failed; writing its rows one by one', {
        rows: batch.length,
        error: String(error),
      });
      for (const w of batch) {
        try {
          await this.store.insert([w.row]);
          w.resolve();
        } catch (rowError) {
          w.reject(rowError);
        }
      }
    }
  }
}

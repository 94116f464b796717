import { STREAM_NAMES, type StreamName } from '@gamma/shared';
import type { AuditStore } from '../../audit/audit-store.ts';
import { toAuditRow } from '../../audit/core/audit-row.ts';
import { acquireAuditStore, auditLocationOf } from '../../audit/open-audit-store.ts';
import type { Subscription } from '../../bus/bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { CompactionTimer } from './compaction-timer.ts';
import { RowBatcher, type RowBatcherOptions } from './row-batcher.ts';

/** Consumer group of the audit recorder: on every stream, started at `0` (SPEC §2, §12). */
export const AUDIT_RECORDER_GROUP = 'audit-recorder';

/** Options for tests and embedding. */
export interface AuditRecorderOptions {
  /** The store to write to (the caller closes it); default: the process-wide store of DATABASE_URL / DATA_DIR */
  store?: AuditStore;
  /** Streams to record; default: every stream of the STREAMS table */
  streams?: readonly StreamName[];
  batch?: Partial<RowBatcherOptions>;
}

const DEFAULT_BATCH: RowBatcherOptions = { maxBatch: 200, lingerMs: 20, retryMinMs: 200, retryMaxMs: 10_000 };

/**
 * The audit recorder (SPEC §12 item 1): reads every stream from `0` in its own group and writes each
 * entry once to the audit store, idempotent on (stream, entry_id); acks only after the row is stored.
 */
export class AuditRecorder implements Service {
  readonly name = 'audit-recorder';
  private store: AuditStore | null = null;
  private ownsStore = false;
  private batcher: RowBatcher | null = null;
  private compaction: CompactionTimer | null = null;
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: AuditRecorderOptions = {},
  ) {}

  async start(): Promise<void> {
    const log = this.deps.log.child({ service: this.name });
    const startedAt = this.deps.clock.now();
    const store =
      this.options.store ?? (await acquireAuditStore(auditLocationOf(this.deps.config.process), log));
    this.ownsStore = this.options.store === undefined;
    this.store = store;
    log.info('audit store ready', { store: store.description, open_ms: this.deps.clock.now() - startedAt });
    const batcher = new RowBatcher(store, { ...DEFAULT_BATCH, ...this.options.batch }, log);
    this.batcher = batcher;
    for (const stream of this.options.streams ?? STREAM_NAMES) {
      this.subs.push(
        this.deps.bus.subscribe(
          stream,
          AUDIT_RECORDER_GROUP,
          (message, entry) => batcher.add(toAuditRow(stream, entry.id, message)),
          // Inserts are idempotent and order-free, so a whole read goes into one batch
          { startId: '0', concurrency: DEFAULT_BATCH.maxBatch },
        ),
      );
    }
    this.startCompaction(store, log);
  }

  /** Retention (AUDIT_MARKET_RAW_H): old raw market data is compacted in the background. */
  private startCompaction(store: AuditStore, log: Logger): void {
    const settings = this.deps.config.auditRecorder;
    if (store.compaction === undefined || settings.compactIntervalS === 0) {
      log.info('audit compaction off: raw market data is kept whole', {
        interval_s: settings.compactIntervalS,
      });
      return;
    }
    this.compaction = new CompactionTimer(
      store.compaction,
      {
        rawHours: settings.marketRawHours,
        batchRows: settings.compactBatchRows,
        intervalMs: settings.compactIntervalS * 1000,
      },
      { clock: this.deps.clock, log },
    );
    this.compaction.start();
  }

  async close(): Promise<void> {
    // A compaction pass stops between two batches, before the store may be closed
    await this.compaction?.close();
    this.compaction = null;
    // Handlers in flight wait for their batch: stop retrying so they end, then let the subscriptions wind down
    const closing = Promise.all(this.subs.splice(0).map((s) => s.close()));
    await this.batcher?.close();
    await closing;
    if (this.ownsStore) await this.store?.close();
    this.store = null;
  }
}

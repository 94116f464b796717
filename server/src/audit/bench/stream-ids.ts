import { STREAMS, type StreamInput, type StreamName } from '@gamma/shared';
import type { AuditRow } from '../audit-store.ts';
import { toAuditRow } from '../core/audit-row.ts';

/** Publishes one message on a stream at the simulated now. */
export type Emit = <TName extends StreamName>(stream: TName, message: StreamInput<TName>) => void;

/**
 * Turns messages into audit rows as the recorder would see them: decoded by the stream's schema, with
 * a Redis-style entry id `<ms>-<seq>` per stream at the simulated time; counts rows per stream.
 */
export class RowSink {
  readonly counts = new Map<StreamName, number>();
  private rows: AuditRow[] = [];
  private readonly last = new Map<StreamName, { ms: number; seq: number }>();
  nowMs = 0;

  readonly emit: Emit = (stream, message) => {
    const prev = this.last.get(stream);
    const seq = prev !== undefined && prev.ms === this.nowMs ? prev.seq + 1 : 0;
    this.last.set(stream, { ms: this.nowMs, seq });
    const decoded = STREAMS[stream].parse(message) as never;
    this.rows.push(toAuditRow(stream, `${this.nowMs}-${seq}`, decoded));
    this.counts.set(stream, (this.counts.get(stream) ?? 0) + 1);
  };

  get pending(): number {
    return this.rows.length;
  }

  /** The rows gathered since the last call. */
  take(): AuditRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

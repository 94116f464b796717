import type { StreamName } from '@gamma/shared';
import { iso } from '../lib/clock.ts';
import type { Handler } from './bus.ts';
import { encodeMessage, type DecodeResult, type RawEntry } from './codec.ts';

/** One delivery of an entry to a group of the in-memory bus. */
export interface Job {
  entry: RawEntry;
  deliveries: number;
  duplicate: boolean;
}

/** A subscriber of a group, with the delivery it is handling. */
export interface Consumer {
  handler: Handler<StreamName>;
  inFlight: Promise<void> | null;
}

/** A consumer group of the in-memory bus. */
export interface Group {
  stream: StreamName;
  name: string;
  /** Index of the next never-delivered entry (Redis' last-delivered-id) */
  cursor: number;
  /** Pending entries to deliver again, before new ones */
  retry: Job[];
  consumers: Consumer[];
  turn: number;
  running: Promise<void> | null;
}

/** Why an entry goes to the dead-letter stream. */
export type Failure =
  Extract<DecodeResult<StreamName>, { ok: false }> | { reason: 'HANDLER_FAILED'; error: string; raw: string };

/** A group that starts reading at entry index `cursor`, with no consumers yet. */
export const newGroup = (stream: StreamName, name: string, cursor: number): Group => ({
  stream,
  name,
  cursor,
  retry: [],
  consumers: [],
  turn: 0,
  running: null,
});

/** The encoded `dlq` message for an entry of `group` that failed, stamped `nowMs` (epoch ms). */
export function deadLetterData(group: Group, entry: { id: string; failure: Failure }, nowMs: number): string {
  const { failure } = entry;
  return encodeMessage('dlq', {
    source_stream: group.stream,
    source_entry_id: entry.id,
    group: group.name,
    reason: failure.reason,
    error: failure.error,
    raw: failure.raw,
    timestamp: iso(nowMs),
    metadata: {},
  });
}

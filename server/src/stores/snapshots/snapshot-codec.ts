import { z } from 'zod';
import { describeFirstIssue } from '../../bus/codec.ts';
import { isEntryId } from '../../bus/entry-id.ts';
import type { Snapshot, SnapshotFormat, SnapshotReading } from './snapshot-store.ts';

const EnvelopeSchema = z.object({
  schema: z.number().int(),
  covers: z.record(z.string(), z.string().refine(isEntryId, 'a stream entry id such as 1772442904120-0')),
  takenAtMs: z.number().finite(),
  state: z.unknown(),
});

/** The stored text of a snapshot. */
export const encodeSnapshot = (snapshot: Snapshot): string => JSON.stringify(snapshot);

/**
 * Reads a stored snapshot against the format its reader expects; pure, never throws. A snapshot of
 * another `schema` version is rejected before its state is looked at, so an old layout is never
 * half-read.
 */
export function decodeSnapshot<TState>(
  text: string | null,
  format: SnapshotFormat<TState>,
): SnapshotReading<TState> {
  if (text === null) return { status: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'rejected', reason: 'not JSON' };
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success)
    return { status: 'rejected', reason: `not a snapshot: ${describeFirstIssue(envelope.error)}` };
  const { schema, covers, takenAtMs } = envelope.data;
  if (schema !== format.schema)
    return { status: 'rejected', reason: `schema version ${schema}, this build reads ${format.schema}` };
  const state = format.state.safeParse(envelope.data.state);
  if (!state.success)
    return { status: 'rejected', reason: `state does not parse: ${describeFirstIssue(state.error)}` };
  return { status: 'ok', snapshot: { schema, covers, takenAtMs, state: state.data } };
}

import { STREAMS, type StreamInput, type StreamMessage, type StreamName } from '@gamma/shared';
import type { z } from 'zod';
import { iso } from '../lib/clock.ts';
import { InvalidInputError } from '../errors/index.ts';

/** Why an entry could not be decoded (a subset of the dead-letter reasons). */
export type DecodeFailureReason = 'MISSING_DATA_FIELD' | 'INVALID_JSON' | 'SCHEMA_MISMATCH';

/** The outcome of decoding one stream entry; never an exception. */
export type DecodeResult<TName extends StreamName> =
  | { ok: true; message: StreamMessage<TName> }
  | {
      ok: false;
      reason: DecodeFailureReason;
      /** Human-readable cause: the first schema issue with its path, or the JSON parse error */
      error: string;
      /** The entry's `data` field verbatim, `''` when missing */
      raw: string;
    };

/** The fields of a stream entry: Redis' flat `[field, value, …]` array or an object. */
export type EntryFields = readonly string[] | Readonly<Record<string, string>>;

/** A stored, not yet decoded stream entry. */
export interface RawEntry {
  /** Entry id, `<ms>-<seq>` */
  id: string;
  fields: EntryFields;
}

/** The first zod issue as `path: message` (`(root)` for the message itself). */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/**
 * Validates a producer's message against its stream's schema and returns the JSON for the `data` field.
 * Defaults are filled in and timestamps normalised, so every field is written (SPEC §2).
 * @throws InvalidInputError when the message does not fit the schema: a producer bug.
 */
export function encodeMessage<TName extends StreamName>(name: TName, input: StreamInput<TName>): string {
  const parsed = STREAMS[name].safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(
      `Cannot publish an invalid ${name} message: ${describeFirstIssue(parsed.error)}`,
    );
  }
  return JSON.stringify(parsed.data);
}

/** The value of the `data` field, or undefined when the entry has none. */
export function dataField(fields: EntryFields): string | undefined {
  if (isFlatArray(fields)) {
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'data') return fields[i + 1];
    }
    return undefined;
  }
  return Object.hasOwn(fields, 'data') ? fields.data : undefined;
}

const isFlatArray = (fields: EntryFields): fields is readonly string[] => Array.isArray(fields);

/**
 * Decodes an entry: only its `data` field counts (other fields are ignored), parsed as JSON and
 * validated by the stream's schema. A JSON object without `timestamp` gets the receipt time `nowMs`.
 */
export function decodeEntry<TName extends StreamName>(
  name: TName,
  fields: EntryFields,
  nowMs: number,
): DecodeResult<TName> {
  const raw = dataField(fields);
  if (raw === undefined) {
    return { ok: false, reason: 'MISSING_DATA_FIELD', error: 'entry has no "data" field', raw: '' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: 'INVALID_JSON', error: errorText(error), raw };
  }
  const withTimestamp =
    isPlainObject(json) && json.timestamp == null ? { ...json, timestamp: iso(nowMs) } : json;
  const parsed = STREAMS[name].safeParse(withTimestamp);
  if (!parsed.success) {
    return { ok: false, reason: 'SCHEMA_MISMATCH', error: describeFirstIssue(parsed.error), raw };
  }
  return { ok: true, message: parsed.data as StreamMessage<TName> };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message of anything thrown. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

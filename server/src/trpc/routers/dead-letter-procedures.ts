import {
  STREAM_NAMES,
  STREAMS,
  type DeadLetterAction,
  type DeadLetterEvent,
  type DeadLetterHandling,
  type DeadLetterRow,
  type StreamInput,
  type StreamName,
} from '@gamma/shared';
import { decodeEntry, describeFirstIssue } from '../../bus/codec.ts';
import { ConflictError, InvalidInputError, InvariantError, NotFoundError } from '../../errors/index.ts';
import { iso } from '../../lib/clock.ts';
import type { StoredDeadLetter } from '../../stores/dead-letters/dead-letter-store.ts';
import type { Context } from '../context.ts';

/** `monitoring.deadLetters`: one page, newest first, and the id to page on from (null on the last page). */
export interface DeadLetterPage {
  letters: DeadLetterRow[];
  /** Pass as `before` for the next (older) page; null when this page is the last */
  next_before: string | null;
}

/** A stored dlq entry decoded (the bus wrote it, so it decodes unless someone appended by hand). */
function decodeLetter(stored: StoredDeadLetter, nowMs: number): DeadLetterEvent | null {
  const decoded = decodeEntry('dlq', stored.fields, nowMs);
  return decoded.ok ? decoded.message : null;
}

const toRow = (id: string, letter: DeadLetterEvent, handling: DeadLetterHandling | null): DeadLetterRow => ({
  id,
  reason: letter.reason,
  error: letter.error,
  source_stream: letter.source_stream,
  source_entry_id: letter.source_entry_id,
  group: letter.group,
  payload: letter.raw,
  timestamp: letter.timestamp,
  handling,
});

/** The newest dead letters, each with its handling (handled letters stay listed until the stream trims them). */
export async function deadLetterPage(
  ctx: Context,
  input: { limit: number; before?: string | undefined },
): Promise<DeadLetterPage> {
  const store = ctx.stores.deadLetters;
  const stored = await store.page(input);
  const handlings = await store.handlings(stored.map((s) => s.id));
  const nowMs = ctx.clock.now();
  const letters = stored.flatMap((s) => {
    const letter = decodeLetter(s, nowMs);
    return letter === null ? [] : [toRow(s.id, letter, handlings.get(s.id) ?? null)];
  });
  const last = stored.at(-1);
  return { letters, next_before: stored.length === input.limit && last ? last.id : null };
}

const describeHandling = (id: string, h: DeadLetterHandling): string =>
  `dead letter ${id} was already ${h.action} by ${h.by} at ${h.at}` +
  (h.requeued_entry_id === null ? '' : ` (as entry ${h.requeued_entry_id})`);

/** The letter `id`, decoded; NOT_FOUND when the dlq has no such entry, CONFLICT when it was handled. */
async function loadUnhandled(ctx: Context, id: string): Promise<DeadLetterEvent> {
  const stored = await ctx.stores.deadLetters.find(id);
  if (stored === null)
    throw new NotFoundError(`no dead letter ${id} (unknown, or trimmed from the dlq stream)`);
  const letter = decodeLetter(stored, ctx.clock.now());
  if (letter === null) throw new InvariantError(`dead letter ${id} is not a valid dlq entry`);
  const handling = (await ctx.stores.deadLetters.handlings([id])).get(id);
  if (handling !== undefined) throw new ConflictError(describeHandling(id, handling));
  return letter;
}

/** The letter's payload as a message of its source stream; BAD_REQUEST saying why it cannot be requeued. */
function requeueable(id: string, letter: DeadLetterEvent): { stream: StreamName; message: unknown } {
  const refuse = (why: string): never => {
    throw new InvalidInputError(
      `dead letter ${id} cannot be requeued: ${why}; it stays listed (discard it if it is of no use)`,
    );
  };
  const stream = STREAM_NAMES.find((name) => name === letter.source_stream && name !== 'dlq');
  if (stream === undefined)
    return refuse(`its source stream "${letter.source_stream}" is not a stream to requeue to`);
  if (letter.raw === '') return refuse('the entry had no payload (no "data" field)');
  let json: unknown;
  try {
    json = JSON.parse(letter.raw);
  } catch (error) {
    return refuse(`its payload is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = STREAMS[stream].safeParse(json);
  if (!parsed.success)
    return refuse(`its payload is still invalid for ${stream}: ${describeFirstIssue(parsed.error)}`);
  return { stream, message: json };
}

/** Records the caller's handling of `id`, first writer wins; CONFLICT naming who handled it when another was first. */
async function claim(ctx: Context, id: string, action: DeadLetterAction): Promise<DeadLetterHandling> {
  const handling: DeadLetterHandling = {
    action,
    by: ctx.user,
    at: iso(ctx.clock.now()),
    requeued_entry_id: null,
  };
  const earlier = await ctx.stores.deadLetters.claim(id, handling);
  if (earlier !== null) throw new ConflictError(describeHandling(id, earlier));
  return handling;
}

/**
 * `monitoring.requeueDeadLetter`: publishes the letter's payload to its source stream (every group of
 * that stream gets it again) through the bus's validated publish, once: the claim is taken before the
 * publish and handed back when the publish fails.
 */
export async function requeueDeadLetter(ctx: Context, id: string): Promise<DeadLetterRow> {
  const letter = await loadUnhandled(ctx, id);
  const { stream, message } = requeueable(id, letter);
  const claimed = await claim(ctx, id, 'requeued');
  let entryId: string;
  try {
    entryId = await ctx.bus.publish(stream, message as StreamInput<typeof stream>);
  } catch (error) {
    await ctx.stores.deadLetters.release(id);
    throw error;
  }
  const handling = { ...claimed, requeued_entry_id: entryId };
  await ctx.stores.deadLetters.settle(id, handling);
  ctx.log.info('dead letter requeued', {
    dead_letter_id: id,
    source_stream: stream,
    source_entry_id: letter.source_entry_id,
    new_entry_id: entryId,
    by: ctx.user,
  });
  return toRow(id, letter, handling);
}

/** `monitoring.discardDeadLetter`: marks the letter handled without publishing anything. */
export async function discardDeadLetter(ctx: Context, id: string): Promise<DeadLetterRow> {
  const letter = await loadUnhandled(ctx, id);
  const handling = await claim(ctx, id, 'discarded');
  ctx.log.info('dead letter discarded', {
    dead_letter_id: id,
    source_stream: letter.source_stream,
    source_entry_id: letter.source_entry_id,
    reason: letter.reason,
    by: ctx.user,
  });
  return toRow(id, letter, handling);
}

import { z } from 'zod';
import type { DEAD_LETTER_REASONS } from '../messages/dead-letter-event.ts';

/** A dead letter's id: its entry id on the `dlq` stream (`<ms>-<seq>`). */
export const DeadLetterIdSchema = z
  .string()
  .max(41)
  .regex(/^\d{1,20}-\d{1,20}$/, 'a dead-letter id is a dlq entry id, <ms>-<seq>');

/** Input of `monitoring.deadLetters` (viewer): the newest `limit` dead letters, older than `before` when given. */
export const DeadLettersInputSchema = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    /** Page on: only letters with an id older than this one (the last id of the previous page) */
    before: DeadLetterIdSchema.optional(),
  })
  .optional();
export type DeadLettersInput = z.infer<typeof DeadLettersInputSchema>;

/** Input of `monitoring.requeueDeadLetter` and `monitoring.discardDeadLetter` (admin). */
export const DeadLetterActionInputSchema = z.object({ id: DeadLetterIdSchema });
export type DeadLetterActionInput = z.infer<typeof DeadLetterActionInputSchema>;

/** What an admin did with a dead letter. */
export const DEAD_LETTER_ACTIONS = ['requeued', 'discarded'] as const;
export type DeadLetterAction = (typeof DEAD_LETTER_ACTIONS)[number];

/** How a dead letter was handled: once, by one admin. */
export interface DeadLetterHandling {
  action: DeadLetterAction;
  /** The admin's username */
  by: string;
  /** ISO time */
  at: string;
  /** A requeue's new entry id on the source stream (null for a discard, or before the publish returned) */
  requeued_entry_id: string | null;
}

/** One row of `monitoring.deadLetters`. */
export interface DeadLetterRow {
  /** The dlq entry id */
  id: string;
  reason: (typeof DEAD_LETTER_REASONS)[number];
  /** The first validation issue or the handler's error */
  error: string;
  source_stream: string;
  source_entry_id: string;
  /** The consumer group that gave up */
  group: string;
  /** The entry's `data` verbatim */
  payload: string;
  /** When it was dead-lettered (ISO) */
  timestamp: string;
  /** Null while unhandled */
  handling: DeadLetterHandling | null;
}

import { z } from 'zod';

const ISO_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO-8601 instant. Accepts any ISO-8601 form with up to 6 (or more) fractional digits, with an
 * offset or none; none means UTC, because the original platform wrote naive UTC times. Normalised on
 * read to `YYYY-MM-DDTHH:mm:ss.sssZ`.
 */
export const IsoTimestampSchema = z.string().transform((value, ctx) => {
  const match = ISO_RE.exec(value.trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `not an ISO-8601 timestamp: ${value}` });
    return z.NEVER;
  }
  const [, date, time, zone] = match;
  // Fractions beyond milliseconds are cut: Date keeps milliseconds only.
  const clipped = (time ?? '').replace(/(\.\d{3})\d+$/, '$1');
  const offset =
    zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${date}T${clipped}${offset}`);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `invalid date: ${value}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/** Buy or sell. */
export const SIDES = ['buy', 'sell'] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

/** Free-form metadata object; defaults to `{}`. */
export const MetadataSchema = z.record(z.string(), z.unknown()).default({});

/** A finite number (JSON null for NaN/Infinity fails here). */
export const FiniteSchema = z.number().finite();

/** A nullable field whose absence means null. */
export const nullable = <TSchema extends z.ZodType>(schema: TSchema) => schema.nullable().default(null);

/** Fields every message carries: the producer's time and free metadata. */
export const baseFields = {
  /** Producer's clock, ISO-8601 UTC; on read, the time of receipt when absent */
  timestamp: IsoTimestampSchema,
  /** Free metadata, per message type (SPEC §3) */
  metadata: MetadataSchema,
};

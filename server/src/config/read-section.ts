import type { z } from 'zod';
import { readSetting, type EnvBindings, type EnvSource, type Setting } from './setting.ts';

/** A bad or unknown variable: its name and what is wrong. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** A section read from the environment: its value, or every problem found. */
export type SectionReading<T> = { ok: true; value: T } | { ok: false; problems: ConfigProblem[] };

/** A family of variables a section reads by pattern, e.g. `STRATEGY_<ID>_<KEY>`; it checks them itself. */
export interface VariableFamily {
  /** The pattern as the README shows it */
  pattern: string;
  /** Every variable of the family starts with this */
  prefix: string;
  meaning: string;
}

/** One section of the configuration: the variables it reads and how it reads them. */
export interface ConfigSection<T> {
  /** Every variable the section reads, for the unknown-variable check and the README */
  readonly settings: readonly Setting[];
  /** Variables read by pattern (their problems are the section's to report) */
  readonly families?: readonly VariableFamily[];
  read(source: EnvSource): SectionReading<T>;
}

/** What a bindings-fed section is made of: `owner` names problems no single variable causes. */
export interface SectionSpec<TSchema extends z.ZodType> {
  owner: string;
  schema: TSchema;
  bindings: EnvBindings;
}

/** The field inputs of bindings read from a source (unset variables left out), and the problems. */
export function readBindings(
  bindings: EnvBindings,
  source: EnvSource,
): { input: Record<string, unknown>; problems: ConfigProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [field, definition] of Object.entries(bindings)) {
    const reading = readSetting(definition, source);
    if ('problem' in reading) problems.push({ variable: definition.variable, message: reading.problem });
    else if (reading.value !== undefined) input[field] = reading.value;
  }
  return { input, problems };
}

/** The problems of a failed parse, each named by the variable feeding the field (else by `owner`). */
export function issueProblems(error: z.ZodError, bindings: EnvBindings, owner: string): ConfigProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path[0];
    const variable = typeof field === 'string' ? bindings[field]?.variable : undefined;
    return { variable: variable ?? owner, message: issue.message };
  });
}

/**
 * Reads a section: the bound variables of the source plus `extra` field inputs, parsed by the section's
 * schema (unset fields take its defaults).
 */
export function readSection<TSchema extends z.ZodType>(
  spec: SectionSpec<TSchema>,
  source: EnvSource,
  extra: Record<string, unknown> = {},
): SectionReading<z.output<TSchema>> {
  const { input, problems } = readBindings(spec.bindings, source);
  const parsed = spec.schema.safeParse({ ...input, ...extra });
  if (!parsed.success) problems.push(...issueProblems(parsed.error, spec.bindings, spec.owner));
  return parsed.success && problems.length === 0 ? { ok: true, value: parsed.data } : { ok: false, problems };
}

/** The validated value of one setting (its default when unset), or its problems. */
export function readValue<TSchema extends z.ZodType>(
  definition: Setting<TSchema>,
  source: EnvSource,
): SectionReading<z.output<TSchema>> {
  const reading = readSetting(definition, source);
  if ('problem' in reading)
    return { ok: false, problems: [{ variable: definition.variable, message: reading.problem }] };
  const parsed = definition.schema.safeParse(reading.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: issueProblems(parsed.error, {}, definition.variable) };
}

/** A section fed by bindings only (see {@link readSection}); `owner` names problems no single variable causes. */
export const envSection = <TSchema extends z.ZodType>(
  owner: string,
  schema: TSchema,
  bindings: EnvBindings,
): ConfigSection<z.output<TSchema>> => ({
  settings: Object.values(bindings),
  read: (source) => readSection({ owner, schema, bindings }, source),
});

/** A reading with more problems found outside it (none: the reading as it is). */
export const withProblems = <T>(reading: SectionReading<T>, more: ConfigProblem[]): SectionReading<T> =>
  more.length === 0 ? reading : { ok: false, problems: [...more, ...(reading.ok ? [] : reading.problems)] };

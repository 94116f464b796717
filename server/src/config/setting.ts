import type { z } from 'zod';

/** The environment as given: variable name → text (`process.env` or a test's object). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** How a variable's text becomes the input of its config field, and how a value is printed in the docs. */
export interface Reader {
  /** The field's input, or a message saying why the text is unusable */
  read(text: string): { value: unknown } | { problem: string };
  /** A value as the README shows it */
  format(value: unknown): string;
}

/**
 * One environment variable, defined once: its name, how its text is read, the field schema that
 * validates it and holds its default, and its meaning (with its unit) for the README.
 */
export interface Setting<TSchema extends z.ZodType = z.ZodType> {
  readonly variable: string;
  readonly reader: Reader;
  /** Validation and default of the config field it feeds */
  readonly schema: TSchema;
  readonly meaning: string;
  /** What an empty value means, when that is allowed; else `X=` is an error naming X */
  readonly whenEmpty?: string;
  /** The field's input when the variable is unset and the default depends on other variables */
  readonly whenUnset?: (source: EnvSource) => unknown;
  /** The README's default when it is derived rather than the schema's (e.g. `PORT + 1`) */
  readonly defaultText?: string;
}

/** Defines a setting (see {@link Setting}). */
export const setting = <TSchema extends z.ZodType>(definition: Setting<TSchema>): Setting<TSchema> =>
  definition;

/** Which variable feeds which field of a config section. */
export type EnvBindings = Readonly<Record<string, Setting>>;

/** The field schemas of bindings, to spread into a section's `z.strictObject`. */
export const fieldsOf = <TBindings extends EnvBindings>(
  bindings: TBindings,
): { [K in keyof TBindings]: TBindings[K]['schema'] } =>
  Object.fromEntries(Object.entries(bindings).map(([field, s]) => [field, s.schema])) as {
    [K in keyof TBindings]: TBindings[K]['schema'];
  };

/** The outcome of reading one variable: its field input (undefined = use the default) or a problem. */
export type SettingReading = { value: unknown } | { problem: string };

/** Reads one variable of a source; an empty or blank value is a problem unless the setting allows it. */
export function readSetting(definition: Setting, source: EnvSource): SettingReading {
  const text = source[definition.variable];
  if (text === undefined) return { value: definition.whenUnset?.(source) };
  if (text.trim() === '' && definition.whenEmpty === undefined) return { problem: 'empty value' };
  return definition.reader.read(text);
}

/**
 * The validated value of one variable of a source (its default when unset), or undefined when it is
 * unusable (its own problem is reported by the section that owns it).
 */
export function valueOf<TSchema extends z.ZodType>(
  definition: Setting<TSchema>,
  source: EnvSource,
): z.output<TSchema> | undefined {
  const reading = readSetting(definition, source);
  if ('problem' in reading) return undefined;
  const parsed = definition.schema.safeParse(reading.value);
  return parsed.success ? parsed.data : undefined;
}

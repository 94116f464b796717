import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from './routers/app-router.ts';

/** A JSON Schema node, as `z.toJSONSchema` writes it. */
type JsonSchema = { [key: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a node admits strings of any length: a string type with no `maxLength` and no closed set of values. */
function isUnboundedString(node: JsonSchema): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return (
    types.includes('string') && node.maxLength === undefined && node.enum === undefined && !('const' in node)
  );
}

/** The JSON pointers of every string without a maximum length in a schema (nested objects, arrays, unions too). */
function unboundedStrings(node: unknown, pointer = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => unboundedStrings(item, `${pointer}/${i}`));
  if (!isSchema(node)) return [];
  const own = isUnboundedString(node) ? [pointer === '' ? '/' : pointer] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) => unboundedStrings(child, `${pointer}/${key}`)),
  ];
}

/** Every unbounded string of a zod input, as the client sends it (before transforms and defaults). */
const unboundedInputStrings = (parser: z.ZodType): string[] =>
  unboundedStrings(z.toJSONSchema(parser, { io: 'input', unrepresentable: 'any' }));

/** Each procedure of the app router with its input parsers (none for a procedure without input). */
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>,
).map(([path, procedure]) => ({ path, inputs: procedure._def.inputs as z.ZodType[] }));

describe('string inputs of the API', () => {
  it('all have a maximum length, in every procedure of the app router', () => {
    const unbounded = procedures.flatMap(({ path, inputs }) =>
      inputs.flatMap((parser) => unboundedInputStrings(parser).map((pointer) => `${path} ${pointer}`)),
    );
    // A new input needs .max() on each z.string() (limits in @gamma/shared input-limits.ts)
    expect(unbounded).toEqual([]);
  });

  it('are found by the walk wherever they sit', () => {
    expect(procedures.length).toBeGreaterThan(10);
    const schema = z.object({
      bounded: z.string().max(10),
      choice: z.enum(['a', 'b']),
      free: z.string().trim().min(1),
      nested: z.object({ list: z.array(z.string()) }).optional(),
      either: z.union([z.number(), z.string().nullish()]),
      piped: z.string().transform((s) => s.length),
    });
    expect(unboundedInputStrings(schema)).toEqual([
      '/properties/free',
      '/properties/nested/properties/list/items',
      '/properties/either',
      '/properties/piped',
    ]);
  });
});

import { InvalidInputError } from '../errors/index.ts';
const ENTRY_ID_RE = /^(\d+)-(\d+)$/;

/** True when `value` is a Redis stream entry id (`<ms>-<seq>`). */
export const isEntryId = (value: string): boolean => ENTRY_ID_RE.test(value);

/** Splits an entry id into its millisecond and sequence parts; throws on a malformed id. */
export function parseEntryId(id: string): { ms: bigint; seq: bigint } {
  const match = ENTRY_ID_RE.exec(id);
  if (!match)
    throw new InvalidInputError(`Invalid stream entry id "${id}": expected <ms>-<seq>, e.g. 1772442904120-0`);
  return { ms: BigInt(match[1] ?? '0'), seq: BigInt(match[2] ?? '0') };
}

/** Orders two entry ids as Redis does: negative if `a` is older, 0 if equal, positive if newer. */
export function compareEntryIds(a: string, b: string): number {
  const left = parseEntryId(a);
  const right = parseEntryId(b);
  if (left.ms !== right.ms) return left.ms < right.ms ? -1 : 1;
  if (left.seq !== right.seq) return left.seq < right.seq ? -1 : 1;
  return 0;
}

const ID_RE = /^(\d+)-(\d+)$/;

/** The millisecond part of a stream entry id (`<ms>-<seq>`); null when malformed. */
export function idMs(id: string): number | null {
  const match = ID_RE.exec(id);
  return match ? Number(match[1]) : null;
}

/** Orders two stream entry ids as Redis does (malformed ids sort first). */
export function compareIds(a: string, b: string): number {
  const left = ID_RE.exec(a);
  const right = ID_RE.exec(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  const [lm, ls, rm, rs] = [left[1], left[2], right[1], right[2]].map((s) => BigInt(s ?? '0'));
  if (lm !== rm) return (lm ?? 0n) < (rm ?? 0n) ? -1 : 1;
  if (ls !== rs) return (ls ?? 0n) < (rs ?? 0n) ? -1 : 1;
  return 0;
}

/** A bounded list keeping the newest `max` items (oldest dropped first). */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

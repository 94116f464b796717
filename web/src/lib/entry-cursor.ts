/** The last stream entry id a store applied, per stream it follows. */
export type EntryCursors = Readonly<Record<string, string>>;

const ID_RE = /^(\d+)-(\d+)$/;

/**
 * Whether a stream entry id (`<ms>-<seq>`) comes after `last` on its stream; any id does when nothing was
 * applied yet. A malformed id is never after anything: it cannot be placed, so it is not applied twice.
 */
export function isAfterEntry(id: string, last: string | undefined): boolean {
  const next = ID_RE.exec(id);
  if (!next) return false;
  if (last === undefined) return true;
  const prev = ID_RE.exec(last);
  if (!prev) return true;
  const [nm, ns, pm, ps] = [next[1], next[2], prev[1], prev[2]].map((s) => BigInt(s ?? '0'));
  return nm !== pm ? (nm ?? 0n) > (pm ?? 0n) : (ns ?? 0n) > (ps ?? 0n);
}

/**
 * Applies a tracked entry once: entry ids only grow on a stream, so an entry at or before the stream's cursor
 * (a resumed subscription's overlap, a resubscription's replay) leaves the state as it is (the same object).
 */
export function applyOnce<TState extends { cursors: EntryCursors }>(
  state: TState,
  entry: { stream: string; id: string },
  apply: (state: TState) => TState,
): TState {
  if (!isAfterEntry(entry.id, state.cursors[entry.stream])) return state;
  return { ...apply(state), cursors: { ...state.cursors, [entry.stream]: entry.id } };
}

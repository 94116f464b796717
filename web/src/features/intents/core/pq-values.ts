/** P, Q and their spread for the latest-intent card. */
export interface PqValues {
  p: number | null;
  q: number | null;
  spread: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** P/Q/spread from the intent's metadata (`p_vol`, `q_vol`, `pq_spread`), else from the pq-spread view. */
export function pqValues(
  metadata: Readonly<Record<string, unknown>> | undefined,
  view: { p_vol: number | null; q_vol: number | null; spread: number | null } | null | undefined,
): PqValues {
  const p = num(metadata?.p_vol);
  const q = num(metadata?.q_vol);
  const spread = num(metadata?.pq_spread) ?? (p !== null && q !== null ? q - p : null);
  if (p !== null || q !== null || spread !== null) return { p, q, spread };
  return { p: view?.p_vol ?? null, q: view?.q_vol ?? null, spread: view?.spread ?? null };
}

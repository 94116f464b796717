/** A quantity with up to 4 decimals and no trailing zeros (`0.1`, `0.0525`, `2`); `—` when unknown. */
export function quantity(v: number | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return String(Number(v.toFixed(4)));
}

import { signed } from '@/lib/format';

/** The Greeks of the what-if the engine attaches to a pending option intent (SPEC §9 display units). */
export interface WhatIfGreeks {
  /** Coins of the underlying */
  delta: number;
  /** USD per 1 vol point */
  vega: number;
}

/** `intent.metadata.what_if` of a pending approval: the underlying's Greeks before and after the legs. */
export interface WhatIf {
  underlying: string;
  before: WhatIfGreeks;
  after: WhatIfGreeks;
}

/** What the row shows: Δ and vega, each `before → after`. */
export interface WhatIfText {
  underlying: string;
  delta: string;
  vega: string;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function greeksOf(v: unknown): WhatIfGreeks | null {
  if (!isRecord(v) || !isFiniteNumber(v.delta) || !isFiniteNumber(v.vega)) return null;
  return { delta: v.delta, vega: v.vega };
}

/** The what-if in an intent's metadata, or null when absent or malformed (the row then shows none). */
export function whatIfOf(metadata: unknown): WhatIf | null {
  if (!isRecord(metadata)) return null;
  const w = metadata.what_if;
  if (!isRecord(w) || typeof w.underlying !== 'string') return null;
  const before = greeksOf(w.before);
  const after = greeksOf(w.after);
  return before && after ? { underlying: w.underlying, before, after } : null;
}

/** Δ with 4 decimals (as the Greeks card), vega in USD with 2, each signed: `+0.0000 → +0.0512`. */
export function whatIfText(w: WhatIf): WhatIfText {
  return {
    underlying: w.underlying,
    delta: `${signed(w.before.delta, 4)} → ${signed(w.after.delta, 4)}`,
    vega: `${signed(w.before.vega, 2)} → ${signed(w.after.vega, 2)}`,
  };
}

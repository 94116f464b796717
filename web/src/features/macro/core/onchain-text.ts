import type { MacroStateEvent } from '@gamma/shared';
import { duration, fixed, UNKNOWN } from '@/lib/format';

/** How the console shows on-chain activity: the figure, what to say about its age, and whether to warn. */
export interface OnchainView {
  value: string;
  note: string;
  /** The figure is missing or stale, or the source's breaker is not closed */
  warn: boolean;
}

const ago = (ageS: number): string => `${duration(ageS * 1000)} ago`;

/**
 * The on-chain figure of a macro state (1 dp) with its age (`12s ago`); when stale, `—` and the age of
 * the last reading; `off` when no source is configured; the breaker when it is not closed.
 */
export function onchainView(macro: MacroStateEvent | null | undefined): OnchainView {
  if (!macro) return { value: UNKNOWN, note: '', warn: false };
  const breaker = macro.metadata.onchain_breaker;
  const value = macro.onchain_activity;
  const age = macro.onchain_age_s;
  if (typeof breaker !== 'string' && value === null && age === null)
    return { value: UNKNOWN, note: 'off', warn: false };
  const tripped = typeof breaker === 'string' && breaker !== 'closed';
  const breakerNote = tripped ? ` · breaker ${breaker.replace('_', '-')}` : '';
  if (value !== null)
    return { value: fixed(value, 1), note: `${age === null ? '' : ago(age)}${breakerNote}`, warn: tripped };
  const note = age === null ? 'no reading yet' : `stale · last ${ago(age)}`;
  return { value: UNKNOWN, note: `${note}${breakerNote}`, warn: true };
}

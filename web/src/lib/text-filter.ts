/**
 * Whether a row's texts match a filter typed by the user: every word of `query` (split on spaces) must occur,
 * case-insensitively, in one of `texts`; a blank query matches every row.
 */
export function matchesFilter(texts: readonly (string | null | undefined)[], query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts
    .filter((t): t is string => typeof t === 'string')
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

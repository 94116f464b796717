import { UsernameSchema } from '@gamma/shared';

/** Failed sign-ins a user or an address may have in one window; the next attempt in it is refused. */
export const MAX_LOGIN_FAILURES = 5;
/** The fixed window failed sign-ins are counted in, ms (epoch minutes). */
export const LOGIN_WINDOW_MS = 60_000;

/** The window an instant falls in. */
export const loginWindowOf = (nowMs: number): number => Math.floor(nowMs / LOGIN_WINDOW_MS);

/** Seconds until the window of `nowMs` ends (at least 1): the `Retry-After` of a refused sign-in. */
export const retryAfterS = (nowMs: number): number =>
  Math.max(1, Math.ceil(((loginWindowOf(nowMs) + 1) * LOGIN_WINDOW_MS - nowMs) / 1000));

/**
 * The subjects failed sign-ins are counted for: the username as typed (lower-cased, encoded, so an unknown
 * name counts too) and the remote address, when known.
 */
export const loginSubjects = (username: string, remoteAddress: string | null): string[] => [
  `user:${encodeURIComponent(username)}`,
  ...(remoteAddress === null ? [] : [`addr:${remoteAddress}`]),
];

/** What logs and refusals show for a typed name that is no username (often a password in the wrong field). */
export const INVALID_USERNAME = '<invalid username>';

/** A typed username as a log or a refusal may show it: the username when it is one, else {@link INVALID_USERNAME}. */
export const shownUsername = (typed: string): string => {
  const parsed = UsernameSchema.safeParse(typed);
  return parsed.success ? parsed.data : INVALID_USERNAME;
};

/** What a refusal names: the first subject over the limit, in words (a typed name only when it is a username). */
export function throttledSubject(subjects: readonly string[], counts: readonly number[]): string | null {
  const index = counts.findIndex((count) => count >= MAX_LOGIN_FAILURES);
  const subject = index < 0 ? undefined : subjects[index];
  if (subject === undefined) return null;
  return subject.startsWith('user:')
    ? `user ${shownUsername(decodeURIComponent(subject.slice('user:'.length)))}`
    : `address ${subject.slice('addr:'.length)}`;
}

/** The tRPC WebSocket URL on the page's own origin: `ws(s)://<host>/trpc`. */
export function wsUrlFrom(location: Pick<Location, 'protocol' | 'host'>, path = '/trpc'): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** Reconnect delay: 250 ms doubling per attempt, at most 5 s. */
export const retryDelayMs = (attemptIndex: number): number => Math.min(250 * 2 ** attemptIndex, 5000);

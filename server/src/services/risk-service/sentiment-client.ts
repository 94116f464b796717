import type { Logger } from '../../lib/logger.ts';
import { sentimentFromBody } from './core/macro-loop.ts';
import type { IndicatorSource } from './indicator-source.ts';

/** Per-request timeout of a sentiment source (SPEC §6.3). */
export const SENTIMENT_TIMEOUT_MS = 10_000;

/** The `fetch` the client uses (injectable for tests). */
export type FetchFn = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/** A sentiment reading and the base URL that gave it. */
export interface SentimentReading {
  score: number;
  source: string;
}

/** The request URL of one sentiment base URL. */
export const sentimentUrl = (base: string, query: string): string =>
  `${base.replace(/\/+$/, '')}/api/v1/sentiment/twitter?query=${encodeURIComponent(query)}&max_results=20`;

/**
 * Asks each base URL in order; the first HTTP 200 with a numeric `weighted_score` wins. No URLs →
 * no request. Failures are logged and the next URL is tried; none → null.
 */
export async function fetchSentiment(
  bases: readonly string[],
  query: string,
  deps: { fetch: FetchFn; log: Logger },
): Promise<SentimentReading | null> {
  for (const base of bases) {
    const url = sentimentUrl(base, query);
    try {
      const res = await deps.fetch(url, { signal: AbortSignal.timeout(SENTIMENT_TIMEOUT_MS) });
      if (res.status !== 200) {
        deps.log.warn('sentiment source answered non-200', { url, status: res.status });
        continue;
      }
      const score = sentimentFromBody(await res.json());
      if (score !== null) return { score, source: base };
      deps.log.warn('sentiment source gave no numeric weighted_score', { url });
    } catch (error) {
      deps.log.warn('sentiment source failed', { url, error: String(error) });
    }
  }
  return null;
}

/** Sentiment as an {@link IndicatorSource}: the first of `bases` that answers (none configured → null). */
export const sentimentSource = (
  bases: readonly string[],
  query: string,
  deps: { fetch: FetchFn; log: Logger },
): IndicatorSource => ({
  read: async () => {
    const reading = await fetchSentiment(bases, query, deps);
    return reading && { value: reading.score, source: reading.source };
  },
});

import type { OuParams } from './ou.ts';

/** How the simulated tweet sentiment moves. */
export interface SentimentParams {
  /** The latent mood: mean-reverting noise */
  latent: OuParams;
  /** Added to the latent mood per unit of the last hour's log return (15 → +0.15 for +1 %) */
  leanPerReturn: number;
}

/** The reply of `GET /api/v1/sentiment/twitter`, in the original service's shape. */
export interface SentimentReply {
  overall_sentiment: 'positive' | 'negative' | 'neutral';
  weighted_score: number;
  tweets_analyzed: number;
}

/** The weighted score in −1…1: tanh of the latent mood plus the lean with the last hour's return. */
export const sentimentScore = (latent: number, hourReturn: number, p: SentimentParams): number =>
  Math.tanh(latent + p.leanPerReturn * hourReturn);

/** `positive` above 0.1, `negative` below −0.1, else `neutral`. */
export function sentimentLabel(score: number): SentimentReply['overall_sentiment'] {
  if (score > 0.1) return 'positive';
  if (score < -0.1) return 'negative';
  return 'neutral';
}

/** The HTTP reply for a score and the number of tweets asked for. */
export const sentimentReply = (score: number, tweets: number): SentimentReply => ({
  overall_sentiment: sentimentLabel(score),
  weighted_score: score,
  tweets_analyzed: tweets,
});

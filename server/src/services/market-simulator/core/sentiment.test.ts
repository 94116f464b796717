import { describe, expect, it } from 'vitest';
import { sentimentLabel, sentimentReply } from './sentiment.ts';

describe('sentimentLabel', () => {
  it('is positive above 0.1, negative below −0.1, else neutral', () => {
    expect([0.11, 0.1, 0, -0.1, -0.11].map(sentimentLabel)).toEqual([
      'positive',
      'neutral',
      'neutral',
      'neutral',
      'negative',
    ]);
  });
});

describe('sentimentReply', () => {
  it('has the original service shape', () => {
    expect(sentimentReply(-0.4, 20)).toEqual({
      overall_sentiment: 'negative',
      weighted_score: -0.4,
      tweets_analyzed: 20,
    });
  });
});

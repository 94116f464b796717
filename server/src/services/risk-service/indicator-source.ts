/** A reading of one macro indicator and where it came from. */
export interface IndicatorReading {
  value: number;
  /** The base URL that answered */
  source: string;
}

/**
 * A macro indicator the loop asks once per broadcast (tweet sentiment, on-chain activity). Optional:
 * null means no reading this time (no source configured, every source failed, a breaker open), and the
 * loop publishes on without it.
 */
export interface IndicatorSource {
  read(): Promise<IndicatorReading | null>;
}

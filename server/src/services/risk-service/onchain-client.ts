import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  admit,
  afterFailure,
  afterSuccess,
  CLOSED_BREAKER,
  type BreakerParams,
  type BreakerState,
  type BreakerStatus,
} from './core/circuit-breaker.ts';
import { onchainFromBody } from './core/macro-loop.ts';
import type { IndicatorReading, IndicatorSource } from './indicator-source.ts';
import type { FetchFn } from './sentiment-client.ts';

/** How the on-chain source is asked (ONCHAIN_*). */
export interface OnchainSettings {
  /** Base URL of the source */
  url: string;
  /** The coin asked for (`BTC`) */
  asset: string;
  timeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  breaker: BreakerParams;
}

/** The request URL of an on-chain base URL. */
export const onchainUrl = (base: string, asset: string): string =>
  `${base.replace(/\/+$/, '')}/api/v1/onchain/activity?asset=${encodeURIComponent(asset)}`;

/**
 * On-chain activity as an {@link IndicatorSource}: one reading = up to 1 + `retries` requests, each with
 * its timeout, behind a circuit breaker; a reading whose every request failed counts one failure, and an
 * open breaker answers null without asking until its cool-down has passed.
 */
export class OnchainSource implements IndicatorSource {
  private breaker: BreakerState = CLOSED_BREAKER;

  constructor(
    private readonly settings: OnchainSettings,
    private readonly deps: { fetch: FetchFn; clock: Clock; log: Logger },
  ) {}

  /** `closed`, `open` or `half_open`, as the last reading left it. */
  get breakerStatus(): BreakerStatus {
    return this.breaker.status;
  }

  async read(): Promise<IndicatorReading | null> {
    const { breaker } = this.settings;
    const gate = admit(this.breaker, breaker, this.deps.clock.now());
    this.move(gate.state);
    if (!gate.allowed) return null;
    const value = await this.attempts();
    this.move(value === null ? afterFailure(this.breaker, breaker, this.deps.clock.now()) : afterSuccess());
    return value === null ? null : { value, source: this.settings.url };
  }

  private async attempts(): Promise<number | null> {
    const { settings, deps } = this;
    const url = onchainUrl(settings.url, settings.asset);
    for (let attempt = 0; attempt <= settings.retries; attempt += 1) {
      if (attempt > 0 && settings.retryBackoffMs > 0) await sleep(attempt * settings.retryBackoffMs);
      try {
        const res = await deps.fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs) });
        const value = res.status === 200 ? onchainFromBody(await res.json()) : null;
        if (value !== null) return value;
        deps.log.warn('on-chain source gave no reading', { url, status: res.status, attempt });
      } catch (error) {
        deps.log.warn('on-chain source failed', { url, attempt, error: String(error) });
      }
    }
    return null;
  }

  // Logs each change of the breaker's status: the operator sees it open, try and close
  private move(next: BreakerState): void {
    const before = this.breaker.status;
    this.breaker = next;
    if (next.status === before) return;
    const context = { url: this.settings.url, from: before, to: next.status };
    if (next.status === 'open')
      this.deps.log.warn('on-chain circuit breaker open', {
        ...context,
        cooldown_ms: this.settings.breaker.cooldownMs,
      });
    else this.deps.log.info(`on-chain circuit breaker ${next.status.replace('_', '-')}`, context);
  }
}

import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { OnchainSource, onchainUrl, type OnchainSettings } from './onchain-client.ts';
import type { FetchFn } from './sentiment-client.ts';

const settings: OnchainSettings = {
  url: 'http://chain/',
  asset: 'BTC',
  timeoutMs: 5,
  retries: 2,
  retryBackoffMs: 0,
  breaker: { threshold: 2, cooldownMs: 60_000 },
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch answering from a script of replies (a function per request), recording each URL. */
function scripted(replies: ((signal: AbortSignal) => Promise<Response>)[]) {
  const urls: string[] = [];
  const fetch: FetchFn = (url, init) => {
    urls.push(url);
    const next = replies.shift() ?? (() => Promise.resolve(json(500, {})));
    return next(init.signal);
  };
  return { fetch, urls };
}

const ok = (index: number) => () => Promise.resolve(json(200, { activity_index: index }));
const fail = () => Promise.resolve(json(503, { error: 'down' }));
/** Never answers: only its timeout ends it. */
const hang = (signal: AbortSignal) =>
  new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('OnchainSource', () => {
  it('asks <url>/api/v1/onchain/activity?asset=<coin> and reads activity_index', async () => {
    const { fetch, urls } = scripted([ok(104.5)]);
    const source = new OnchainSource(settings, { fetch, clock: new FakeClock(), log: silentLogger });
    expect(await source.read()).toEqual({ value: 104.5, source: 'http://chain/' });
    expect(urls).toEqual([onchainUrl('http://chain/', 'BTC')]);
    expect(urls[0]).toBe('http://chain/api/v1/onchain/activity?asset=BTC');
  });

  it('retries a failed or timed-out request within one reading', async () => {
    const { fetch, urls } = scripted([fail, hang, ok(99)]);
    const source = new OnchainSource(settings, { fetch, clock: new FakeClock(), log: silentLogger });
    expect(await source.read()).toEqual({ value: 99, source: 'http://chain/' });
    expect(urls).toHaveLength(3);
    expect(source.breakerStatus).toBe('closed');
  });

  it('counts a reading whose requests all failed as one failure; the threshold-th opens the breaker', async () => {
    const { fetch, urls } = scripted([]);
    const clock = new FakeClock();
    const source = new OnchainSource(settings, { fetch, clock, log: silentLogger });
    expect(await source.read()).toBeNull();
    expect(source.breakerStatus).toBe('closed');
    expect(urls).toHaveLength(3);
    expect(await source.read()).toBeNull();
    expect(source.breakerStatus).toBe('open');

    clock.advance(59_999);
    expect(await source.read()).toBeNull();
    expect(urls).toHaveLength(6);
  });

  it('after the cool-down lets a trial go: its failure opens again, a later success closes', async () => {
    const { fetch, urls } = scripted([fail, fail, fail, fail, fail, fail, fail, fail, fail, ok(101)]);
    const clock = new FakeClock();
    const source = new OnchainSource(settings, { fetch, clock, log: silentLogger });
    await source.read();
    await source.read();
    clock.advance(60_000);
    expect(await source.read()).toBeNull();
    expect(source.breakerStatus).toBe('open');
    expect(urls).toHaveLength(9);
    clock.advance(60_000);
    expect(await source.read()).toEqual({ value: 101, source: 'http://chain/' });
    expect(source.breakerStatus).toBe('closed');
  });

  it('takes a body without a numeric activity_index as a failure', async () => {
    const { fetch } = scripted([
      () => Promise.resolve(json(200, { activity_index: 'high' })),
      () => Promise.resolve(json(200, {})),
      () => Promise.reject(new Error('ECONNREFUSED')),
    ]);
    const source = new OnchainSource(settings, { fetch, clock: new FakeClock(), log: silentLogger });
    expect(await source.read()).toBeNull();
  });
});

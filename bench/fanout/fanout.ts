import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { deleteKeys } from '../../server/src/testing/delete-keys.ts';
import { startBareReaders } from './bare-readers.ts';
import { readFanoutOptions } from './fanout-options.ts';
import {
  connectionsNamed,
  drain,
  newestOfBoth,
  publish,
  summarize,
  type PhaseResult,
} from './fanout-phase.ts';
import { printFanout, writeFanout } from './fanout-report.ts';
import { LatencyTally } from './tally.ts';
import { BENCH_GAMMA_USERS, signIn, startWsSubscribers } from './ws-subscribers.ts';
import { startWireSubscribers } from './wire-subscribers.ts';

/**
 * `npm run bench:fanout`: `--subscribers` signed-in tRPC WebSocket clients (half `onIntent`, half `onDecision`)
 * of a real gateway process while a feed process publishes `--rate` events a second for `--seconds`, beside
 * the same number of bare ioredis XREAD readers (one connection each) on the same feed, in alternating phases
 * of one run. Each delivery's latency is its receipt time minus its entry's Redis time; a subscriber's gaps are
 * the entries of its stream it missed or got twice. Target: gateway p99 ≤ 50 ms with no gap.
 */
const options = readFanoutOptions(process.argv.slice(2));
const say = (line: string) => process.stdout.write(`fanout: ${line}\n`);
const run = `test-fanout-${randomUUID().slice(0, 8)}`;
const prefixes = { bare: `${run}-bare`, gateway: `${run}-gw` };
const admin = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
/** The gateway process, once started */
const children: { gateway: ChildProcess | null } = { gateway: null };

/** Starts the gateway process; resolves with its HTTP and WebSocket URLs. */
function startGatewayProcess(): Promise<{ url: string; wsUrl: string }> {
  const child = fork(
    join(import.meta.dirname, 'gateway-process.ts'),
    [options.redisUrl, prefixes.gateway, BENCH_GAMMA_USERS],
    {
      execArgv: [
        '--import',
        'tsx',
        ...(options.profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]),
      ],
    },
  );
  children.gateway = child;
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/trpc` });
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code} before listening`)));
  });
}

/**
 * Feeds `--warmup-s` then `--seconds` of events; latencies count from the end of the warm-up (JIT, the sockets'
 * first session checks), gaps over the whole feed.
 */
function feed(prefix: string, latency: LatencyTally) {
  latency.fromMs = Date.now() + options.warmupS * 1000;
  const seconds = options.warmupS + options.seconds;
  return publish({ url: options.redisUrl, prefix, rate: options.rate, seconds });
}

async function barePhase(round: number): Promise<PhaseResult> {
  const prefix = prefixes.bare;
  const after = await newestOfBoth(admin, prefix);
  const latency = new LatencyTally();
  const stop = new AbortController();
  const readers = startBareReaders({
    url: options.redisUrl,
    prefix,
    count: options.subscribers,
    after,
    signal: stop.signal,
    latency,
  });
  await readers.ready;
  const connections = await connectionsNamed(admin, 'bench-bare-');
  const fed = await feed(prefix, latency);
  const expected = { intent: Math.ceil(fed.published / 2), decision: Math.floor(fed.published / 2) };
  const drainMs = await drain(readers.tallies, expected);
  stop.abort();
  await readers.done;
  return summarize(
    { path: 'bare', round, redis_connections: connections, drain_ms: drainMs, ...fed },
    readers.tallies,
    latency,
  );
}

async function gatewayPhase(
  round: number,
  urls: { url: string; wsUrl: string },
  cookies: string[],
): Promise<PhaseResult> {
  const prefix = prefixes.gateway;
  const after = await newestOfBoth(admin, prefix);
  const latency = new LatencyTally();
  const subscribers =
    options.client === 'wire'
      ? await startWireSubscribers({ wsUrl: urls.wsUrl, cookies, count: options.subscribers, after, latency })
      : await startWsSubscribers({ urls, cookies, count: options.subscribers, after, latency });
  // The connections reading the two streams (the read model's other tails have theirs, one per stream)
  const connections =
    (await connectionsNamed(admin, `tail:${prefix}:strategy.intent`)) +
    (await connectionsNamed(admin, `tail:${prefix}:intent.decision`));
  const fed = await feed(prefix, latency);
  const expected = { intent: Math.ceil(fed.published / 2), decision: Math.floor(fed.published / 2) };
  const drainMs = await drain(subscribers.tallies, expected);
  await subscribers.close();
  return summarize(
    { path: 'gateway', round, redis_connections: connections, drain_ms: drainMs, ...fed },
    subscribers.tallies,
    latency,
  );
}

try {
  say(
    `${options.subscribers} subscribers (${options.client} client), ${options.rate} events/s for ${options.seconds} s per phase, ${options.rounds} round(s), prefix ${run}`,
  );
  const urls = await startGatewayProcess();
  const cookies = await signIn(urls);
  const results: PhaseResult[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const path of ['bare', 'gateway'] as const) {
      const result = path === 'bare' ? await barePhase(round) : await gatewayPhase(round, urls, cookies);
      say(
        `round ${round} ${path}: p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, missing ${result.missing}, repeats ${result.repeats}`,
      );
      results.push(result);
    }
  }
  printFanout(results, options);
  say(`wrote ${writeFanout(results, options)}`);
} finally {
  const { gateway } = children;
  if (gateway !== null && gateway.exitCode === null) {
    const exited = new Promise<void>((resolve) => gateway.once('exit', () => resolve()));
    gateway.send('stop');
    await exited;
  }
  await deleteKeys(admin, `${run}-*`);
  admin.disconnect();
}

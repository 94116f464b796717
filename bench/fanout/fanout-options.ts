import { parseArgs } from 'node:util';

/** What one fan-out run does. */
export interface FanoutOptions {
  /** WebSocket subscribers (and bare readers), half on each stream (`--subscribers`, default 200) */
  subscribers: number;
  /** Events a second over both streams (`--rate`, default 2000) */
  rate: number;
  /** Seconds of feed per phase (`--seconds`, default 15) */
  seconds: number;
  /** Seconds of feed before each phase's measured part, its latencies not counted (`--warmup-s`, default 3) */
  warmupS: number;
  /** Rounds of the two phases, bare then gateway (`--rounds`, default 2) */
  rounds: number;
  /** The Redis the run uses, loopback only (`--redis-url`, default redis://127.0.0.1:6379) */
  redisUrl: string;
  /**
   * The subscribers' client (`--client`): `wire` (default) speaks tRPC's WebSocket protocol directly, `trpc`
   * runs tRPC's own client per subscriber (its per-message cost then loads the bench process too)
   */
  client: 'wire' | 'trpc';
  /** Where the gateway process writes a CPU profile (`--profile <dir>`; none by default) */
  profileDir: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Reads the command line; a load test aims at loopback only, so any other Redis host is refused. */
const clientOf = (raw: string): 'wire' | 'trpc' => {
  if (raw === 'wire' || raw === 'trpc') return raw;
  throw new Error(`--client must be wire or trpc, got ${raw}`);
};

export function readFanoutOptions(args: string[]): FanoutOptions {
  const { values } = parseArgs({
    args,
    options: {
      subscribers: { type: 'string', default: '200' },
      rate: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '15' },
      'warmup-s': { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
      profile: { type: 'string' },
      client: { type: 'string', default: 'wire' },
    },
  });
  const positive = (name: string, raw: string): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return n;
  };
  const redisUrl = values['redis-url'];
  if (!LOOPBACK.has(new URL(redisUrl).hostname))
    throw new Error(`--redis-url must be on loopback, got ${redisUrl}`);
  return {
    subscribers: Math.round(positive('subscribers', values.subscribers)),
    rate: positive('rate', values.rate),
    seconds: positive('seconds', values.seconds),
    warmupS: Number(values['warmup-s']),
    rounds: Math.round(positive('rounds', values.rounds)),
    redisUrl,
    profileDir: values.profile ?? null,
    client: clientOf(values.client),
  };
}

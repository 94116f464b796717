import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

/** What one chaos run does; every field has a flag and an environment variable. */
export interface ChaosOptions {
  /** Intents published on `strategy.intent` (`--intents`, `CHAOS_INTENTS`) */
  intents: number;
  /** kill -9s of engine / option-execution / paper-exchange / risk-service (`--kills`, `CHAOS_KILLS`) */
  kills: number;
  /** Redis restarts, each SHUTDOWN then start on the same AOF dir (`--redis-restarts`, `CHAOS_REDIS_RESTARTS`) */
  redisRestarts: number;
  /** Intents published per second (`--rate`, `CHAOS_RATE`) */
  rate: number;
  /** Seed of every random choice (`--seed`, `CHAOS_SEED`); random when unset, always printed */
  seed: number;
  /** Port of the private redis-server the run starts (`--port`, `CHAOS_REDIS_PORT`) */
  port: number;
  /** Keep the temporary folder (AOF, process logs) after a passing run (`--keep`, `CHAOS_KEEP=1`) */
  keep: boolean;
}

const USAGE = `usage: npm run test:chaos -- [--intents N] [--kills N] [--redis-restarts N] [--rate N] [--seed N] [--port N] [--keep]`;

const int = (name: string, text: string | undefined, bounds: { fallback: number; min: number }): number => {
  const { fallback, min } = bounds;
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name}: expected an integer ≥ ${min}, got "${text}"\n${USAGE}`);
  return n;
};

/** Reads the flags, then the `CHAOS_*` variables, then the defaults (the full run). */
export function readChaosOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ChaosOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      intents: { type: 'string' },
      kills: { type: 'string' },
      'redis-restarts': { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      keep: { type: 'boolean' },
    },
    strict: true,
  });
  return {
    intents: int('--intents', values.intents ?? env.CHAOS_INTENTS, { fallback: 2000, min: 1 }),
    kills: int('--kills', values.kills ?? env.CHAOS_KILLS, { fallback: 20, min: 0 }),
    redisRestarts: int('--redis-restarts', values['redis-restarts'] ?? env.CHAOS_REDIS_RESTARTS, {
      fallback: 1,
      min: 0,
    }),
    rate: int('--rate', values.rate ?? env.CHAOS_RATE, { fallback: 20, min: 1 }),
    seed: int('--seed', values.seed ?? env.CHAOS_SEED, { fallback: randomInt(1, 2 ** 31 - 1), min: 0 }),
    port: int('--port', values.port ?? env.CHAOS_REDIS_PORT, { fallback: 6391, min: 1 }),
    keep: values.keep === true || env.CHAOS_KEEP === '1',
  };
}

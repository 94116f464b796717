import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

/** What one soak run does. */
export interface SoakOptions {
  /** Length of the steady feed (`--minutes`, default 10) */
  minutes: number;
  /** Intents a second (`--rate`, default 20) */
  rate: number;
  /** Seconds between two samples (`--sample-s`, default 10) */
  sampleS: number;
  /**
   * Seconds left out of the verdict at the start (`--warmup-s`, default 120): every process's heap grows, then
   * settles after its first major collections, about 100 s into a run at 20 intents/s
   */
  warmupS: number;
  /** Port of the private redis-server (`--port`, default 6404) */
  port: number;
  /** Seed of the intent mix (`--seed`, random when unset, always printed) */
  seed: number;
  /** Keep the temporary folder with the process logs (`--keep`) */
  keep: boolean;
}

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(n > 0)) throw new Error(`--${name}: expected a positive number, got "${text}"`);
  return n;
};

export function readSoakOptions(args: string[]): SoakOptions {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      'sample-s': { type: 'string' },
      'warmup-s': { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const options = {
    minutes: positive('minutes', values.minutes, 10),
    rate: positive('rate', values.rate, 20),
    sampleS: positive('sample-s', values['sample-s'], 10),
    warmupS: values['warmup-s'] === '0' ? 0 : positive('warmup-s', values['warmup-s'], 120),
    port: positive('port', values.port, 6404),
    seed: values.seed === undefined ? randomInt(1, 2 ** 31) : positive('seed', values.seed, 1),
    keep: values.keep ?? false,
  };
  if (options.warmupS + 120 > options.minutes * 60)
    throw new Error('--minutes is too short for the warm-up and two one-minute windows');
  return options;
}

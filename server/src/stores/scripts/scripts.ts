import calculateSlot from 'cluster-key-slot';
import { readFileSync } from 'node:fs';
import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS, type ScriptName } from '../../keys/key-table.ts';
import { InvariantError } from '../../errors/index.ts';

/** Runs one script: its keys (from `SCRIPT_KEYS`), then its arguments. */
export type ScriptCall = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** Every Lua script of the stores, callable on one client. */
export type Scripts = Readonly<Record<ScriptName, ScriptCall>>;

/** The reservation prelude (book helpers, prune) and the check fragments of the reserve script. */
const RESERVATION = ['reservation-common'];
/** The reserve script's checks, one fragment per family; a new family is one more file here. */
const RISK_CHECK_FRAGMENTS = [
  'risk-check-book',
  'risk-check-greeks',
  'risk-check-state',
  'risk-check-budget',
  'risk-check-rate',
  'risk-check-duplicate',
];

/** The fragments put in front of a script's own file, in order (none for the others). */
const PRELUDES: Partial<Record<ScriptName, readonly string[]>> = {
  reservationList: RESERVATION,
  reservationBook: RESERVATION,
  reservationRelease: RESERVATION,
  reservationFill: RESERVATION,
  reservationSeed: RESERVATION,
  reservationReserve: [...RESERVATION, ...RISK_CHECK_FRAGMENTS],
};

/** Every fragment file that is not a script of its own. */
export const FRAGMENTS: readonly string[] = [...RESERVATION, ...RISK_CHECK_FRAGMENTS];

const readLua = (file: string): string => readFileSync(new URL(`./${file}.lua`, import.meta.url), 'utf8');

/** `approvalMarkDone` → `approval-mark-done` */
const fileOf = (name: ScriptName): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const SCRIPT_NAMES = Object.keys(SCRIPT_KEYS) as ScriptName[];

/** Each script's source, read once per process. */
const SOURCES: Readonly<Record<ScriptName, string>> = (() => {
  const entries = SCRIPT_NAMES.map((name) => {
    const parts = [...(PRELUDES[name] ?? []), fileOf(name)].map(readLua);
    return [name, parts.join('\n')] as const;
  });
  return Object.fromEntries(entries) as Record<ScriptName, string>;
})();

/** The source a script runs: its `.lua` file, after its preludes where it has some. */
export const scriptSource = (name: ScriptName): string => SOURCES[name];

/** A probe key table: only the length of each key set matters here. */
const PROBE = keyTable('probe');

const defined = new WeakMap<RedisClient, Scripts>();

type CustomCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * A script may touch the keys of one cluster slot only: Redis would answer CROSSSLOT, so say which script and
 * which keys instead (the key table test checks every script's keys; this catches keys built elsewhere).
 */
function assertOneSlot(name: ScriptName, keys: readonly string[]): void {
  const first = keys[0];
  if (first === undefined) return;
  const slot = calculateSlot(first);
  if (keys.some((key) => calculateSlot(key) !== slot))
    throw new InvariantError(`script ${name}: its keys span several cluster slots: ${keys.join(' ')}`);
}

/**
 * The scripts on a client, each defined once per client with `defineCommand` (BullMQ's pattern): ioredis
 * sends EVALSHA and falls back to EVAL when Redis answers NOSCRIPT, so a script's text crosses the wire
 * once per connection rather than on every call. On a Redis Cluster the client routes each call by its first
 * key and loads the script on each node the first time it runs there.
 */
export function scriptsOf(redis: RedisClient): Scripts {
  const known = defined.get(redis);
  if (known) return known;
  const commands = redis as unknown as Record<string, CustomCommand>;
  const scripts = {} as Record<ScriptName, ScriptCall>;
  for (const name of SCRIPT_NAMES) {
    const command = `gamma_${name}`;
    redis.defineCommand(command, {
      numberOfKeys: SCRIPT_KEYS[name](PROBE, 'probe').length,
      lua: SOURCES[name],
    });
    scripts[name] = (keys, args) => {
      const run = commands[command];
      if (run === undefined) throw new InvariantError(`script ${name} is not defined on this client`);
      if (redis.isCluster) assertOneSlot(name, keys);
      return run.call(redis, ...keys, ...args);
    };
  }
  defined.set(redis, scripts);
  return scripts;
}

import { z } from 'zod';
import type { StreamCaps } from '../bus/stream-caps.ts';
import { AUTH_ENV } from './auth-settings.ts';
import { SEED_USERS, SeedUserSchema } from './gamma-users.ts';
import { LIST, NUMBER, TEXT } from './readers.ts';
import { envSection } from './read-section.ts';
import { fieldsOf, setting, valueOf, type EnvSource } from './setting.ts';
import { SERVICE_NAMES } from './service-names.ts';

const count = (def: number) => z.number().int().positive().default(def);
const text = (def: string) => z.string().min(1).default(def);

/**
 * One entry of `ALLOWED_ORIGINS`: `self`, or an origin as browsers send it (`http://localhost:5173`: scheme, host,
 * port when not the default; no path), normalized (lower case, default port and trailing `/` dropped).
 */
const OriginSchema = z.string().transform((value, ctx) => {
  if (value === 'self') return value;
  const url = URL.canParse(value) ? new URL(value) : null;
  const bare =
    url !== null && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  if (url === null || !bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue({ code: 'custom', message: `not an origin (http(s)://host[:port], or self): ${value}` });
    return z.NEVER;
  }
  return url.origin;
});

/** The gateway's port (0 = any free port); the simulator's sentiment port follows it. */
export const PORT = setting({
  variable: 'PORT',
  reader: NUMBER,
  schema: z.number().int().min(0).max(65_535).default(4000),
  meaning: 'the gateway: console, `/trpc` over HTTP and WebSocket, REST alias (0 = any free port)',
});

/** The common `MAXLEN ~` of the streams. */
const STREAM_MAXLEN = setting({
  variable: 'STREAM_MAXLEN',
  reader: NUMBER,
  schema: count(100_000),
  meaning: 'approximate `MAXLEN` of every stream, entries',
});

/**
 * Default cap of `market.vol_surface`: ~300 MB of Redis at ~42 KB an entry (a whole option chain), 5 h of
 * surfaces at the simulator's default 24 a minute. Its readers take the newest 20 (engine, risk service,
 * paper exchange, option execution) or 120 (the read model's IV history); restores never replay it.
 */
export const VOL_SURFACE_MAXLEN = 7_200;

/** Which variable feeds which field of the process settings (shared by every service of the process). */
export const PROCESS_ENV = {
  redisUrl: setting({
    variable: 'REDIS_URL',
    reader: TEXT,
    schema: text('redis://127.0.0.1:6379/0'),
    meaning: 'Redis server (how `npm start` finds or starts one: see above)',
  }),
  redisClusterNodes: setting({
    variable: 'REDIS_CLUSTER_NODES',
    reader: LIST,
    schema: z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, '`host:port`')).default([]),
    whenEmpty: 'unset',
    meaning:
      'comma list of `host:port` of some nodes of a Redis Cluster; when set, every process uses the cluster (ioredis `Cluster`) instead of `REDIS_URL`, and `npm start` starts no local Redis (see Redis Cluster)',
  }),
  streamPrefix: setting({
    variable: 'STREAM_PREFIX',
    reader: TEXT,
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_\-.]+$/, 'letters, digits, `_`, `-` and `.` only')
      .default('glm'),
    meaning: 'stream keys are `<prefix>:<name>`',
  }),
  streamMaxLen: STREAM_MAXLEN,
  streamMaxLenVolSurface: setting({
    variable: 'STREAM_MAXLEN_VOL_SURFACE',
    reader: NUMBER,
    schema: count(VOL_SURFACE_MAXLEN),
    // A smaller STREAM_MAXLEN (tests, a small Redis) lowers this one too rather than failing the start
    whenUnset: (source: EnvSource) => {
      const common = valueOf(STREAM_MAXLEN, source);
      return common === undefined ? undefined : Math.min(VOL_SURFACE_MAXLEN, common);
    },
    defaultText: `\`${VOL_SURFACE_MAXLEN}\`, or \`STREAM_MAXLEN\` when smaller`,
    meaning:
      "approximate `MAXLEN` of `market.vol_surface` (a whole option chain an entry, ~42 KB in Redis), entries; at most `STREAM_MAXLEN`; the default holds ~300 MB, 5 h of surfaces at the simulator's default rate (24 a minute)",
  }),
  busReadCount: setting({
    variable: 'BUS_READ_COUNT',
    reader: NUMBER,
    schema: count(100),
    meaning: '`XREADGROUP` batch size, entries',
  }),
  busBlockMs: setting({
    variable: 'BUS_BLOCK_MS',
    reader: NUMBER,
    schema: count(1000),
    meaning: '`XREADGROUP` block time, ms',
  }),
  busClaimIdleMs: setting({
    variable: 'BUS_CLAIM_IDLE_MS',
    reader: NUMBER,
    schema: count(30_000),
    meaning: 'reclaim entries idle this long, ms',
  }),
  busMaxDeliveries: setting({
    variable: 'BUS_MAX_DELIVERIES',
    reader: NUMBER,
    schema: count(5),
    meaning: 'dead-letter an entry after this many deliveries',
  }),
  snapshotIntervalS: setting({
    variable: 'SNAPSHOT_INTERVAL_S',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(60),
    meaning:
      'how often each stateful service saves its state snapshot (a restart restores it plus the streams after it), s; also on clean shutdown; 0 = only on shutdown',
  }),
  leaseTtlMs: setting({
    variable: 'LEASE_TTL_MS',
    reader: NUMBER,
    schema: z.number().int().min(300).default(10_000),
    meaning:
      'how long a partition lease (strategy instance, underlying, simulator) outlives its process; renewed every third of it, ms (README, Scaling)',
  }),
  port: PORT,
  host: setting({
    variable: 'HOST',
    reader: TEXT,
    schema: text('127.0.0.1'),
    meaning: 'the gateway listens on this address',
  }),
  allowedOrigins: setting({
    variable: 'ALLOWED_ORIGINS',
    reader: LIST,
    schema: z.array(OriginSchema).min(1).default(['self']),
    meaning:
      "comma list of the origins (`scheme://host[:port]`) whose pages may open the gateway's WebSocket and send it mutations; `self` is the gateway's own origin, `http(s)://` + the request's `Host` (see Browser safety)",
  }),
  wsSessionCheckS: setting({
    variable: 'WS_SESSION_CHECK_S',
    reader: NUMBER,
    schema: z.number().positive().default(30),
    meaning:
      'how often the gateway checks again the credential of every open WebSocket and server-sent-events subscription (a session expiring unasked, a revoked token, a logout on another gateway), s',
  }),
  services: setting({
    variable: 'SERVICES',
    reader: LIST,
    schema: z.array(z.enum([...SERVICE_NAMES, 'all'])).default(['all']),
    meaning: 'comma list of services this process runs (see Architecture)',
  }),
  dataDir: setting({
    variable: 'DATA_DIR',
    reader: TEXT,
    schema: text('./data'),
    meaning:
      'private Redis data and the embedded database: audit store and accounts (`memory://`: in memory)',
  }),
  databaseUrl: setting({
    variable: 'DATABASE_URL',
    reader: TEXT,
    schema: z.string().optional(),
    whenEmpty: 'unset',
    meaning: 'Postgres of the audit store and the accounts; unset or empty: the embedded one in `DATA_DIR`',
  }),
  gammaUsers: setting({
    variable: 'GAMMA_USERS',
    reader: SEED_USERS,
    schema: z.array(SeedUserSchema).default([]),
    whenEmpty: 'none',
    meaning:
      'for tests and demos only: `name:role:password,…` accounts the gateway creates or updates (role, password, enabled again) at every start; passwords are never logged nor shown in errors',
  }),
  webDistDir: setting({
    variable: 'WEB_DIST_DIR',
    reader: TEXT,
    schema: z.string().optional(),
    meaning: 'the built console the gateway serves (unset: `web/dist`)',
  }),
  stopTimeoutMs: setting({
    variable: 'STOP_TIMEOUT_MS',
    reader: NUMBER,
    schema: count(6000),
    meaning:
      'on SIGTERM/SIGINT, a process that has not closed everything after this many ms (e.g. Redis is gone) logs what did not close and exits with code 1',
  }),
  logLevel: setting({
    variable: 'LOG_LEVEL',
    reader: TEXT,
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    meaning: '`debug`, `info`, `warn`, `error`, `silent`',
  }),
  ...AUTH_ENV,
  nodeEnv: setting({
    variable: 'NODE_ENV',
    reader: TEXT,
    schema: text('development'),
    meaning: '`production` hides internal error messages from API clients',
  }),
};

/** Settings of the process as a whole: Redis, the bus, the gateway, the audit store location, logging. */
export const ProcessConfigSchema = z.strictObject(fieldsOf(PROCESS_ENV)).superRefine((p, ctx) => {
  // The surfaces' cap only lowers the common one: above it they would again be the bulk of Redis memory
  if (p.streamMaxLenVolSurface > p.streamMaxLen)
    ctx.addIssue({
      code: 'custom',
      path: ['streamMaxLenVolSurface'],
      message: `${p.streamMaxLenVolSurface} is above STREAM_MAXLEN (${p.streamMaxLen}); it may only lower it`,
    });
});
export type ProcessConfig = z.output<typeof ProcessConfigSchema>;

/** The process settings' section of the configuration, read from the environment. */
export const processSection = envSection('process', ProcessConfigSchema, PROCESS_ENV);

/** How far every append trims its stream: the common cap and the surfaces' own (bus and stores alike). */
export const streamCapsOf = (p: ProcessConfig): StreamCaps => ({
  maxLen: p.streamMaxLen,
  streamMaxLens: { 'market.vol_surface': p.streamMaxLenVolSurface },
});

/** The Redis Streams bus options these settings give (the caller adds the log and the clock). */
export const busSettingsOf = (p: ProcessConfig) => ({
  url: p.redisUrl,
  clusterNodes: p.redisClusterNodes,
  prefix: p.streamPrefix,
  ...streamCapsOf(p),
  readCount: p.busReadCount,
  blockMs: p.busBlockMs,
  claimIdleMs: p.busClaimIdleMs,
  maxDeliveries: p.busMaxDeliveries,
});

/** Where this process finds Redis: the cluster when `REDIS_CLUSTER_NODES` is set, else `REDIS_URL`. */
export const redisTargetOf = (p: ProcessConfig) => ({ url: p.redisUrl, clusterNodes: p.redisClusterNodes });

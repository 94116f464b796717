import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SERVICE_NAMES } from '../../server/src/config/service-names.ts';
import { controlDir, GATEWAY_PID_FILE, STACK_PID_FILE } from './control-files.ts';
import { stack, stackDatabase } from './stack.ts';

// The web server of the Playwright run: the stack as `npm start` runs it, in two processes: every service, and
// the gateway alone, so a spec can kill -9 the gateway under an open page (reconnect.spec.ts) and have it
// started again on the same port with SIGUSR2 to this process. A gateway that dies is not restarted by itself:
// the spec decides how long it stays down. On SIGTERM (Playwright's graceful shutdown) both stop first, then
// every key of the run's prefix is deleted, so nothing re-creates them afterwards.
const prefix = process.env.STREAM_PREFIX ?? '';
if (!prefix.startsWith('e2e-')) throw new Error(`refusing to run the e2e stack on prefix "${prefix}"`);

const dir = controlDir(prefix);
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/${STACK_PID_FILE}`, String(process.pid));

// Both processes share one Postgres database of the run's own (audit store and accounts), as a desk running
// its services in several processes does (README: DATABASE_URL): the gateway reads what the services' audit
// recorder writes (History, explain), and a spec may seed the audit store directly
stack.prefix = prefix;
const database = stackDatabase();
async function onDatabase(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: database.adminUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
await onDatabase(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
await onDatabase(`CREATE DATABASE "${database.name}"`);
process.env.DATABASE_URL = database.url;

const start = (services: string, env: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SERVICES: services, ...env },
  });

// Each process keeps a data folder of its own (the database is the run's Postgres, above)
const gatewayEnv = { DATA_DIR: `${process.env.DATA_DIR ?? '.data/e2e'}/gateway` };

const services = start(SERVICE_NAMES.filter((name) => name !== 'gateway').join(','));
let gateway: ChildProcess | null = null;
let stopping = false;

function startGateway(): void {
  if (stopping || (gateway !== null && gateway.exitCode === null && gateway.signalCode === null)) return;
  const child = start('gateway', gatewayEnv);
  gateway = child;
  if (child.pid !== undefined) writeFileSync(`${dir}/${GATEWAY_PID_FILE}`, String(child.pid));
}

async function deleteRunKeys(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const exitOf = (child: ChildProcess | null): Promise<void> =>
  child === null || child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  gateway?.kill('SIGTERM');
  services.kill('SIGTERM');
  await Promise.all([exitOf(gateway), exitOf(services)]);
  await deleteRunKeys();
  await onDatabase(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  // The run's own data folder (embedded databases, ~70 MB a run), never another
  const dataDir = process.env.DATA_DIR ?? '';
  if (dataDir.startsWith(`.data/e2e-${prefix}`)) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.on('SIGUSR2', startGateway);
// The services never stop on their own: the run is broken
services.once('exit', (code) => void stop(code === 0 || code === null ? 1 : code));
startGateway();

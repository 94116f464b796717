import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';

// The web server of the Playwright run: the whole stack as `npm start` runs it, and on SIGTERM (Playwright's
// graceful shutdown) the stack stops first, then every key of the run's prefix is deleted, so nothing re-creates
// them afterwards.
const prefix = process.env.STREAM_PREFIX ?? '';
if (!prefix.startsWith('e2e-')) throw new Error(`refusing to run the e2e stack on prefix "${prefix}"`);

const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit' });

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

const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
const stop = async () => {
  child.kill('SIGTERM');
  const code = await exited;
  await deleteRunKeys();
  process.exit(code);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
void exited.then(async (code) => {
  await deleteRunKeys();
  process.exit(code === 0 ? 1 : code);
});

import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A TCP server standing in for Redis that only counts the connections it gets. */
async function countingServer(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, port, connections: () => connections };
}

/** Runs `main.ts` as `npm start` does, with only the given variables (and PATH), until it exits. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('main.ts', () => {
  describe('when the environment has bad, empty and unknown variables', () => {
    it('exits non-zero with one message naming each, before contacting Redis', async () => {
      const redis = await countingServer();
      servers.push(redis.server);
      const { code, stderr } = await runMain({
        REDIS_URL: `redis://127.0.0.1:${redis.port}/0`,
        RISK_MAX_DRAWDOWN: '0.1',
        PQ_VOL_THRESHOLD: '',
        PORT: 'x',
        STRATEGY_NOBODY_BTC_VOL_THRESHOLD: '0.1',
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^Invalid configuration \(4 problems\):/);
      expect(stderr).toMatch(/^ {2}RISK_MAX_DRAWDOWN: unknown variable/m);
      expect(stderr).toMatch(/^ {2}PQ_VOL_THRESHOLD: empty value$/m);
      expect(stderr).toMatch(/^ {2}PORT: not a number: "x"$/m);
      expect(stderr).toMatch(/^ {2}STRATEGY_NOBODY_BTC_VOL_THRESHOLD: names no configured instance/m);
      expect(redis.connections()).toBe(0);
    }, 60_000);
  });
});

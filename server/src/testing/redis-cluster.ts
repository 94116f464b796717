import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/** Redis Cluster's hash slots, 0 … 16383. */
const SLOTS = 16_384;

/** How long the nodes may take to start and agree on `cluster_state:ok` on a loaded machine. */
const CLUSTER_UP_MS = 30_000;

/** One redis-server of the cluster: its process, its temporary folder and an admin connection. */
interface ClusterNode {
  port: number;
  dir: string;
  child: ChildProcess;
  /** Rejects when the process ends before it is stopped */
  exited: Promise<never>;
  admin: Redis;
}

/**
 * A throwaway Redis Cluster of masters only on loopback, for tests: one `redis-server` per port (cluster mode,
 * no persistence, a temporary folder each), the slots split evenly with `CLUSTER ADDSLOTSRANGE`, the nodes
 * joined with `CLUSTER MEET`; {@link start} resolves once every node reports `cluster_state:ok`.
 */
export class LocalRedisCluster {
  private readonly nodes: ClusterNode[] = [];

  constructor(readonly ports: readonly number[]) {}

  /** `host:port` of every node, as `REDIS_CLUSTER_NODES` takes them. */
  get seeds(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  async start(): Promise<void> {
    for (const port of this.ports) this.nodes.push(await startNode(port));
    await Promise.all(this.nodes.map((node) => Promise.race([node.admin.ping(), node.exited])));
    const share = Math.ceil(SLOTS / this.nodes.length);
    await Promise.all(
      this.nodes.map((node, i) =>
        node.admin.call('CLUSTER', 'ADDSLOTSRANGE', i * share, Math.min(SLOTS, (i + 1) * share) - 1),
      ),
    );
    const [first, ...others] = this.nodes;
    for (const node of others) await first?.admin.call('CLUSTER', 'MEET', '127.0.0.1', node.port);
    // Every node must see every slot served before a client's first slot map is complete
    await vi.waitFor(
      async () => {
        for (const node of this.nodes) {
          const info = String(await node.admin.call('CLUSTER', 'INFO'));
          if (
            !info.includes('cluster_state:ok') ||
            !info.includes(`cluster_known_nodes:${this.nodes.length}`)
          )
            throw new Error(`node ${node.port} not ready: ${info.split('\r\n').slice(0, 6).join(' ')}`);
        }
      },
      { timeout: CLUSTER_UP_MS, interval: 50 },
    );
  }

  /** How many keys under `<prefix>:` each node holds, by port. */
  async keysPerNode(prefix: string): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const node of this.nodes) {
      let cursor = '0';
      let count = 0;
      do {
        const [next, keys] = await node.admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        count += keys.length;
        cursor = next;
      } while (cursor !== '0');
      counts.set(node.port, count);
    }
    return counts;
  }

  /** Stops every node (SIGKILL: nothing to save) and removes the folders; safe after a failed start. */
  async stop(): Promise<void> {
    const nodes = this.nodes.splice(0);
    await Promise.all(
      nodes.map(async (node) => {
        node.admin.disconnect();
        if (node.child.exitCode === null && node.child.signalCode === null) {
          const ended = once(node.child, 'exit');
          node.child.kill('SIGKILL');
          await ended;
        }
        await rm(node.dir, { recursive: true, force: true });
      }),
    );
  }
}

/** Whether a Redis answers on `port`, and from which folder; null when nothing listens there. */
async function listeningDir(port: number): Promise<string | null> {
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
  } catch {
    probe.disconnect();
    return null;
  }
  try {
    const [, dir] = (await probe.call('CONFIG', 'GET', 'dir')) as [string, string];
    return dir;
  } finally {
    probe.disconnect();
  }
}

/**
 * A node left by a run that died before its `stop()` (its folder is one of ours) is shut down, so the port is
 * free again; any other server on the port is left alone and fails the start.
 */
async function stopLeftover(port: number): Promise<void> {
  const dir = await listeningDir(port);
  if (dir === null) return;
  if (!dir.startsWith(join(tmpdir(), `gamma-cluster-${port}-`)))
    throw new Error(`port ${port} is taken by another Redis (dir ${dir}); the cluster test needs it`);
  const admin = new Redis(port, '127.0.0.1', { retryStrategy: () => null, maxRetriesPerRequest: 0 });
  admin.on('error', () => undefined);
  await admin.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
  admin.disconnect();
  await vi.waitFor(
    async () => {
      if ((await listeningDir(port)) !== null) throw new Error(`the leftover node on ${port} still runs`);
    },
    { timeout: CLUSTER_UP_MS, interval: 50 },
  );
  await rm(dir, { recursive: true, force: true });
}

/** Spawns one cluster node on `port` in a new temporary folder. */
async function startNode(port: number): Promise<ClusterNode> {
  await stopLeftover(port);
  const dir = await mkdtemp(join(tmpdir(), `gamma-cluster-${port}-`));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'];
  args.push(
    '--cluster-config-file',
    join(dir, 'nodes.conf'),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
  );
  args.push('--logfile', join(dir, 'redis.log'));
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server on port ${port} exited (${code ?? signal}); is the port taken?`)),
    );
  });
  exited.catch(() => undefined);
  // Retries the connection until the server listens; commands wait meanwhile
  const admin = new Redis(port, '127.0.0.1', { retryStrategy: () => 20, maxRetriesPerRequest: null });
  admin.on('error', () => undefined);
  return { port, dir, child, exited, admin };
}

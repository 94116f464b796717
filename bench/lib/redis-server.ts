import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** The shared Redis of the machine: a bench never starts, flushes or stops it. */
const SHARED_PORT = 6379;

/**
 * A redis-server of the bench's own, in memory only (`--save '' --appendonly no`): started at the
 * beginning of a run, flushed between variants, stopped at the end.
 */
export class BenchRedis {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {
    if (port === SHARED_PORT) throw new Error(`port ${SHARED_PORT} is the shared Redis; pick another one`);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts redis-server and resolves once it answers PING. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 20_000;
    while (!(await this.answers())) {
      if (child.exitCode !== null) throw new Error(`redis-server on ${this.port} exited (port taken?)`);
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not answer`);
      await sleep(20);
    }
  }

  /** SIGTERM and waits for the process to end. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  private async answers(): Promise<boolean> {
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }
}

import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The shared Redis of the machine: a chaos run or a benchmark must never stop, flush or restart it. */
const SHARED_PORT = 6379;

/**
 * A redis-server of the run's own (127.0.0.1:<port>, AOF and log in `dir`), which the run may shut down and
 * start again on the same AOF: the entries written before the shutdown are loaded back. With `dir` null it
 * keeps everything in memory only and writes no file (a benchmark's server, flushed between its variants).
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    readonly dir: string | null,
  ) {
    if (port === SHARED_PORT) throw new Error(`port ${SHARED_PORT} is the shared Redis; pick another one`);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts redis-server and resolves once it answers PING (its AOF loaded); returns that instant. */
  async start(): Promise<number> {
    if (this.child !== null) throw new Error('redis-server is already running');
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
    if (this.dir === null) args.push('--appendonly', 'no');
    else args.push('--appendonly', 'yes', '--dir', this.dir, '--logfile', join(this.dir, 'redis.log'));
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + 30_000;
    while (!(await this.answers())) {
      if (this.child !== child) {
        const why = this.dir === null ? 'is the port taken?' : `see ${this.dir}/redis.log`;
        throw new Error(`redis-server on port ${this.port} exited; ${why}`);
      }
      if (Date.now() > deadline)
        throw new Error(`redis-server on port ${this.port} did not answer within 30 s`);
      await sleep(10);
    }
    return Date.now();
  }

  /** SIGTERM (a SHUTDOWN: the AOF is flushed) and waits for the process to end. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  /** Last resort when the run itself fails: no redis-server outlives the harness. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  /** True when PING gets PONG (not LOADING, not a refused connection). */
  private async answers(): Promise<boolean> {
    const probe = new Redis(this.url, {
      lazyConnect: true,
      enableReadyCheck: false,
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

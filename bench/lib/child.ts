import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** A node process of a bench (an engine, a bare loop, BullMQ workers), ready once it prints `readyLine`. */
export class BenchChild {
  private readonly child: ChildProcess;
  private output = '';

  private constructor(child: ChildProcess) {
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Spawns `node <nodeArgs> --import tsx <script> <args>` and waits for `readyLine` in its output. */
  static async start(options: {
    script: string;
    args?: readonly string[];
    env: NodeJS.ProcessEnv;
    readyLine: string;
    nodeArgs?: readonly string[];
  }): Promise<BenchChild> {
    const argv = [...(options.nodeArgs ?? []), '--import', 'tsx', options.script, ...(options.args ?? [])];
    const child = new BenchChild(
      spawn(process.execPath, argv, { cwd: REPO_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    await child.waitFor(options.readyLine);
    return child;
  }

  /** Its process id (a soak samples its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The process's last output (for a failure message). */
  get tail(): string {
    return this.output.slice(-2_000);
  }

  private waitFor(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`not ready in ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      const onData = () => {
        if (!this.output.includes(line)) return;
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        resolve();
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.child.kill('SIGKILL');
        reject(new Error(`${error.message}:\n${this.tail}`));
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', (code) => fail(new Error(`exited with code ${code}`)));
    });
  }

  /** SIGTERM; resolves with the ms until it exited (SIGKILL after 30 s: `killed` true). */
  async stop(): Promise<{ ms: number; killed: boolean }> {
    const started = performance.now();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return { ms: 0, killed: false };
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    return { ms: performance.now() - started, killed: this.child.signalCode === 'SIGKILL' };
  }
}

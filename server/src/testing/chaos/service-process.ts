import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
/** How long a process may take from spawn to its `gamma running` line. */
const READY_TIMEOUT_MS = 60_000;
/** A process that exits on its own (e.g. Redis absent at its start) is started again after this. */
const RESPAWN_DELAY_MS = 500;

/** Something that happened to a process, for the run's timeline. */
export interface ProcessEvent {
  at: number;
  process: string;
  pid: number | undefined;
  what: 'started' | 'running' | 'killed' | 'exited' | 'terminated';
  /** For `running`: ms from spawn to the `gamma running` line */
  ms?: number;
  detail?: string;
}

/** How a SIGTERM ended. */
export interface StopResult {
  process: string;
  ms: number;
  code: number | null;
  signal: string | null;
  /** Still running 15 s after SIGTERM: it was killed */
  hung: boolean;
}

/**
 * One `node --import tsx server/src/main.ts` process with its own `SERVICES`, its output in a log file.
 * A supervisor: a process that ends when the run did not ask it to is started again.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  /** Every child ever spawned and still alive, so that nothing outlives the run */
  private readonly alive = new Set<ChildProcess>();
  /** Kills of this process run one after the other (two at once would start two replacements) */
  private queue: Promise<void> = Promise.resolve();
  private expectingExit = false;
  private supervising = true;
  private readonly log: WriteStream;

  readonly name: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly record: (event: ProcessEvent) => void;

  constructor(options: {
    name: string;
    env: NodeJS.ProcessEnv;
    record: (event: ProcessEvent) => void;
    logDir: string;
  }) {
    this.name = options.name;
    this.env = options.env;
    this.record = options.record;
    this.log = createWriteStream(join(options.logDir, `${options.name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the process and resolves once it logs `gamma running`. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.alive.add(child);
    child.once('exit', () => this.alive.delete(child));
    this.expectingExit = false;
    this.record({ at: Date.now(), process: this.name, pid: child.pid, what: 'started' });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} not running after ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      // The logger writes JSON lines on stderr
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"gamma running"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    child.stdout?.on('data', (chunk: Buffer) => this.log.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.log.write(chunk));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    const spawnedAt = Date.now();
    await ready;
    if (child.exitCode === null && child.signalCode === null)
      this.record({
        at: Date.now(),
        process: this.name,
        pid: child.pid,
        what: 'running',
        ms: Date.now() - spawnedAt,
      });
  }

  /** kill -9, then a new process in its place (resolves once the new one runs); queued behind an earlier kill. */
  killAndRestart(): Promise<void> {
    const next = this.queue.then(() => this.killThenStart());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async killThenStart(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null || child.signalCode !== null || !this.supervising) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    this.record({ at: Date.now(), process: this.name, pid: child.pid, what: 'killed' });
    child.kill('SIGKILL');
    await exited;
    await this.start();
  }

  /** SIGTERM, timed to the process's exit (SIGKILL after 15 s); no restart afterwards. */
  async terminate(): Promise<StopResult> {
    this.supervising = false;
    const child = this.child;
    const base = { process: this.name, ms: 0, code: null, signal: null, hung: false };
    if (child === null || child.exitCode !== null || child.signalCode !== null) return base;
    this.expectingExit = true;
    const startedAt = Date.now();
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    child.kill('SIGTERM');
    const outcome = await Promise.race([exited, sleep(15_000).then(() => null)]);
    if (outcome === null) {
      child.kill('SIGKILL');
      await exited;
      return { ...base, ms: Date.now() - startedAt, hung: true };
    }
    const [code, signal] = outcome;
    this.record({
      at: Date.now(),
      process: this.name,
      pid: child.pid,
      what: 'terminated',
      detail: `code ${code}`,
    });
    return { process: this.name, ms: Date.now() - startedAt, code, signal, hung: false };
  }

  /** Last resort when the run itself fails. */
  killNow(): void {
    this.supervising = false;
    for (const child of this.alive) child.kill('SIGKILL');
  }

  closeLog(): Promise<void> {
    return new Promise((resolve) => this.log.end(resolve));
  }

  private onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    if (this.child !== child || this.expectingExit) return;
    this.child = null;
    const detail = `exited on its own: code ${code} signal ${signal}`;
    this.record({ at: Date.now(), process: this.name, pid: child.pid, what: 'exited', detail });
    if (!this.supervising) return;
    void sleep(RESPAWN_DELAY_MS)
      .then(() => (this.supervising ? this.start() : undefined))
      .catch((error: unknown) =>
        this.record({
          at: Date.now(),
          process: this.name,
          pid: undefined,
          what: 'exited',
          detail: `respawn failed: ${String(error)}`,
        }),
      );
  }
}

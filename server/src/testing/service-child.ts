import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
/** How long a child may take to stop after SIGTERM before it is killed. */
const STOP_KILL_MS = 15_000;

/** One `node --import tsx server/src/main.ts` child of a test, running once its `gamma running` line is out. */
export interface ServiceChild {
  readonly pid: number | undefined;
  /** Everything it wrote so far (JSON log lines on stderr) */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after 15 s; resolves once it exited */
  stop(): Promise<void>;
}

/**
 * Starts a Gamma process with `env` added to this one's environment and adds it to `started` at once (so an
 * `afterAll` stops it even if it never gets to run); resolves once it logs `gamma running`, rejects (with its
 * output) if it exits before.
 */
export async function spawnServiceChild(
  env: Record<string, string>,
  started: ServiceChild[],
): Promise<ServiceChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit');
  const running = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"gamma running"')) resolve();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(([code]) =>
      reject(new Error(`child exited (${String(code)}) before running:\n${output}`)),
    );
  });
  const handle: ServiceChild = {
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_KILL_MS);
      await exited;
      clearTimeout(timer);
    },
  };
  started.push(handle);
  await running;
  return handle;
}

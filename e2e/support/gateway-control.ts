import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { controlDir, GATEWAY_PID_FILE, STACK_PID_FILE } from './control-files.ts';
import { stack } from './stack.ts';

const pidOf = (file: string): number => Number(readFileSync(join(controlDir(stack.prefix), file), 'utf8'));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const healthy = async (): Promise<boolean> => {
  try {
    return (await fetch(`http://127.0.0.1:${stack.port}/healthz`)).ok;
  } catch {
    return false;
  }
};

/** Kills the gateway process with SIGKILL (no shutdown of any kind) and waits until it is gone. */
export async function killGateway(): Promise<void> {
  const pid = pidOf(GATEWAY_PID_FILE);
  process.kill(pid, 'SIGKILL');
  await expect.poll(() => isAlive(pid)).toBe(false);
  await expect.poll(healthy).toBe(false);
}

/** Has the stack server start a new gateway on the same port, and waits until it answers. */
export async function restartGateway(): Promise<void> {
  const before = pidOf(GATEWAY_PID_FILE);
  process.kill(pidOf(STACK_PID_FILE), 'SIGUSR2');
  await expect.poll(() => pidOf(GATEWAY_PID_FILE)).not.toBe(before);
  await expect.poll(healthy, { timeout: 60_000 }).toBe(true);
}

import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Files in {@link controlDir} holding the pids of the stack server and of its gateway process. */
export const STACK_PID_FILE = 'stack.pid';
export const GATEWAY_PID_FILE = 'gateway.pid';

/** Where the stack server of a run (by its stream prefix) leaves its pids for the specs. */
export const controlDir = (prefix: string): string => join(tmpdir(), `gamma-${prefix}`);

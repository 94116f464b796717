import { readFile } from 'node:fs/promises';
import type { AuditStore } from '../audit/audit-store.ts';
import { acquireAuditStore, auditLocationOf } from '../audit/open-audit-store.ts';
import { isGammaSetting, loadConfig, type AppConfig } from '../config/app-config.ts';
import type { EnvSource } from '../config/setting.ts';
import { InvalidInputError } from '../errors/index.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { compareDecisions, type Comparison } from './compare-decisions.ts';
import { parseEnvFile } from './env-file.ts';
import { formatReplay } from './format-output.ts';
import { readRecord } from './read-record.ts';
import { parseReplayArgs, type ReplayArgs } from './replay-args.ts';
import { ReplayDriver } from './replay-driver.ts';
import { planReplay } from './replay-plan.ts';

/** What the command reads and writes (the process's, or a test's). */
export interface ReplayIo {
  env: EnvSource;
  /** One line of output (stdout) */
  write(line: string): void;
  /** Progress and warnings (stderr) */
  log: Logger;
}

/** The figures of one replay, for the progress line and tests. */
export interface ReplayRun {
  comparison: Comparison;
  entries: number;
  undecodable: number;
  readMs: number;
  replayMs: number;
  lines: string[];
}

async function configOf(args: ReplayArgs, env: EnvSource): Promise<AppConfig> {
  if (args.envFile === null) return loadConfig(env);
  let text: string;
  try {
    text = await readFile(args.envFile, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`replay: cannot read --env file ${args.envFile}: ${String(error)}`, {
      cause: error,
    });
  }
  return loadConfig({ ...env, ...parseEnvFile(text, args.envFile, isGammaSetting) });
}

/** Replays a window of the record under a configuration and compares the decisions with the record's. */
export async function replayWindow(input: {
  store: AuditStore;
  args: ReplayArgs;
  config: AppConfig;
  log: Logger;
}): Promise<ReplayRun> {
  const { store, args, config, log } = input;
  const readStart = performance.now();
  const record = await readRecord(store, { fromMs: args.fromMs, toMs: args.toMs });
  const readMs = performance.now() - readStart;
  const replayStart = performance.now();
  const plan = planReplay(record.entries);
  const outcome = await new ReplayDriver(plan, { config, log }).run();
  const comparison = compareDecisions(plan, outcome);
  const replayMs = performance.now() - replayStart;
  const lines = formatReplay(comparison, { json: args.json, counterfactual: args.envFile !== null });
  return {
    comparison,
    entries: record.entries.length,
    undecodable: record.undecodable,
    readMs,
    replayMs,
    lines,
  };
}

/**
 * `npm run replay -- --from <ISO> --to <ISO> [--env <file>] [--json]`: reads the audit store of the
 * process settings (DATABASE_URL, else DATA_DIR), replays the window and prints the decisions.
 */
export async function runReplayCommand(argv: readonly string[], io: ReplayIo): Promise<ReplayRun> {
  const args = parseReplayArgs(argv);
  const config = await configOf(args, io.env);
  const store = await acquireAuditStore(auditLocationOf(config.process), io.log);
  try {
    const run = await replayWindow({ store, args, config, log: io.log.child({ replay: true }) });
    for (const line of run.lines) io.write(line);
    io.log.info('replay done', {
      entries: run.entries,
      undecodable: run.undecodable,
      read_ms: Math.round(run.readMs),
      replay_ms: Math.round(run.replayMs),
    });
    return run;
  } finally {
    await store.close();
  }
}

/** The logger of the command: warnings and errors only, unless LOG_LEVEL asks for more. */
export const replayLogger = (env: EnvSource): Logger => {
  const level = env.LOG_LEVEL;
  return createLogger(
    level === 'debug' || level === 'info' || level === 'silent' || level === 'error' ? level : 'warn',
  );
};

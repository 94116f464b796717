import { processEnvironment } from '../config/env.ts';
import { AppError } from '../errors/index.ts';
import { replayLogger, runReplayCommand } from './replay-command.ts';

// The entry point of `npm run replay`: the output on stdout, progress and errors on stderr.
const env = processEnvironment();
const log = replayLogger(env);
try {
  await runReplayCommand(process.argv.slice(2), {
    env,
    log,
    write: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${error instanceof AppError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

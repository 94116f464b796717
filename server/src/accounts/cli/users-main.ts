import { runUsersCommand } from './users-command.ts';
import { readNewPassword } from './read-password.ts';
import { processEnvironment } from '../../config/env.ts';
import { AppError, InvalidInputError } from '../../errors/index.ts';
import { createLogger } from '../../lib/logger.ts';

// The entry point of `npm run users`: results on stdout, prompts, notes and errors on stderr. Exit codes:
// 0 done, 2 a wrong command line (unknown command, bad name or role), 1 anything else (exists, unknown, locked).
const env = processEnvironment();
try {
  await runUsersCommand(process.argv.slice(2), {
    env,
    // Warnings and errors only: the output is the command's
    log: createLogger(env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'info' ? env.LOG_LEVEL : 'warn'),
    write: (line) => process.stdout.write(`${line}\n`),
    note: (line) => process.stderr.write(`${line}\n`),
    readPassword: readNewPassword,
  });
} catch (error) {
  const message = error instanceof AppError ? error.message : String(error);
  process.stderr.write(`${message.startsWith('users:') ? message : `users: ${message}`}\n`);
  process.exitCode = error instanceof InvalidInputError ? 2 : 1;
}

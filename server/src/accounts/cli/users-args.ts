import { parseArgs } from 'node:util';
import type { Role } from '@gamma/shared';
import { parseRole, parseUsername } from '../sql-account-store.ts';
import { InvalidInputError } from '../../errors/index.ts';

export const USERS_USAGE = `usage: npm run users -- <command>
  add <name> --role <role> [--password-stdin]   create an account (password from a prompt, or stdin)
  list                                          every account: username, role, disabled, created
  set-role <name> <role>                        change an account's role
  set-password <name> [--password-stdin]        change an account's password (its sessions go on)
  disable <name>                                disable an account (its sessions and tokens stop working)
  token <name>                                  a new API token for scripts, printed once
roles: viewer, trader, risk_manager, admin`;

/** A command of `npm run users`. */
export type UsersCommand =
  | { kind: 'help' }
  | { kind: 'add'; username: string; role: Role; passwordStdin: boolean }
  | { kind: 'list' }
  | { kind: 'set-role'; username: string; role: Role }
  | { kind: 'set-password'; username: string; passwordStdin: boolean }
  | { kind: 'disable'; username: string }
  | { kind: 'token'; username: string };

/** A wrong command line: the message says what, and the CLI exits with code 2. */
export const usageError = (message: string): InvalidInputError =>
  new InvalidInputError(`users: ${message}\n${USERS_USAGE}`);

const inputError = (error: unknown): InvalidInputError =>
  new InvalidInputError(`users: ${error instanceof Error ? error.message : String(error)}`);

/** A username or role from the command line, or a usage error saying what is wrong with it. */
function checked<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw inputError(error);
  }
}

function positionals(argv: readonly string[], count: number, names: string): string[] {
  const words = argv.slice(1);
  if (words.length !== count)
    throw usageError(
      `${argv[0] ?? ''} takes ${names}, got ${words.length === 0 ? 'nothing' : words.join(' ')}`,
    );
  return words;
}

interface ParsedOptions {
  values: { role?: string; 'password-stdin'?: boolean };
  positionals: string[];
}

/** The options of add and set-password, or a usage error. */
function parseOptions(argv: readonly string[]): ParsedOptions {
  try {
    return parseArgs({
      args: argv.slice(1),
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function parseSetPassword(argv: readonly string[]): UsersCommand {
  const parsed = parseOptions(argv);
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0)
    throw usageError('set-password takes one <name>, e.g. set-password alice');
  if (parsed.values.role !== undefined) throw usageError('set-password takes no --role (set-role does)');
  return {
    kind: 'set-password',
    username: checked(() => parseUsername(name)),
    passwordStdin: parsed.values['password-stdin'] === true,
  };
}

function parseAdd(argv: readonly string[]): UsersCommand {
  const parsed = parseOptions(argv);
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0)
    throw usageError('add takes one <name>, e.g. add alice --role trader');
  if (parsed.values.role === undefined) throw usageError('add needs --role <role>');
  const role = parsed.values.role;
  return {
    kind: 'add',
    username: checked(() => parseUsername(name)),
    role: checked(() => parseRole(role)),
    passwordStdin: parsed.values['password-stdin'] === true,
  };
}

/** Parses the command line of `npm run users`; throws an InvalidInputError naming the problem. */
export function parseUsersArgs(argv: readonly string[]): UsersCommand {
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case 'add':
      return parseAdd(argv);
    case 'set-password':
      return parseSetPassword(argv);
    case 'list':
      positionals(argv, 0, 'no argument');
      return { kind: 'list' };
    case 'set-role': {
      const [name = '', role = ''] = positionals(argv, 2, '<name> <role>');
      return {
        kind: 'set-role',
        username: checked(() => parseUsername(name)),
        role: checked(() => parseRole(role)),
      };
    }
    case 'disable':
    case 'token': {
      const [name = ''] = positionals(argv, 1, '<name>');
      return { kind: command, username: checked(() => parseUsername(name)) };
    }
    default:
      throw usageError(`unknown command "${command}"`);
  }
}

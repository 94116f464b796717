import { PASSWORD_MIN_LENGTH } from '@gamma/shared';
import { InvalidInputError, InvalidStateError } from '../../errors/index.ts';

/** The shortest password `npm run users -- add` and `set-password` accept (and auth.changePassword). */
export const MIN_CLI_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = ['\u007f', '\b'];

/**
 * Reads one line from a terminal without echoing it (raw mode; backspace edits, Ctrl-C aborts), the prompt
 * on stderr.
 */
export function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      const chars = [...chunk.toString('utf8')];
      for (const [i, char] of chars.entries()) {
        if (char === '\r' || char === '\n' || char === CTRL_D) {
          // What was typed ahead (the second prompt's answer) is left for the next read; \r\n is one Enter
          const rest = chars.slice(char === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1).join('');
          return finish(() => {
            if (rest !== '') input.unshift(Buffer.from(rest, 'utf8'));
            resolve(typed);
          });
        }
        if (char === CTRL_C)
          return finish(() => reject(new InvalidStateError('users: cancelled, nothing changed')));
        if (BACKSPACE.includes(char)) typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** Everything on stdin, less one trailing line break (`echo secret | … --password-stdin`). */
export async function readStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Refuses a password the CLI will not set (never printing it). */
export function checkNewPassword(password: string): string {
  if (password.length < MIN_CLI_PASSWORD_LENGTH)
    throw new InvalidInputError(`users: a password has at least ${MIN_CLI_PASSWORD_LENGTH} characters`);
  if (/[\r\n]/.test(password)) throw new InvalidInputError('users: a password is one line');
  return password;
}

/**
 * A new password (of a new account, or set-password's): all of stdin with `--password-stdin`, else typed twice at a terminal without
 * echo; without a terminal and without the flag, an error saying to use it.
 */
export async function readNewPassword(username: string, fromStdin: boolean): Promise<string> {
  if (fromStdin) return checkNewPassword(await readStdin());
  if (!process.stdin.isTTY)
    throw new InvalidInputError(
      'users: no terminal to ask the password on: pipe it in with --password-stdin (e.g. printf %s "$PW" | npm run users -- add <name> --role <role> --password-stdin, or … | npm run users -- set-password <name> --password-stdin)',
    );
  const password = checkNewPassword(await promptHidden(`Password for ${username}: `));
  if ((await promptHidden('Again: ')) !== password)
    throw new InvalidInputError('users: the two passwords differ, nothing changed');
  return password;
}

import { parseArgs } from 'node:util';
import { InvalidInputError } from '../errors/index.ts';

/** The command line of `npm run replay`. */
export interface ReplayArgs {
  fromMs: number;
  toMs: number;
  /** A KEY=VALUE file of settings to replay under instead of the recorded ones */
  envFile: string | null;
  json: boolean;
}

export const REPLAY_USAGE =
  'usage: npm run replay -- --from <ISO time> --to <ISO time> [--env <file>] [--json]';

/** An ISO-8601 time with a date and a time of day; a bare date or a number is refused. */
function isoTime(flag: string, value: string | undefined): number {
  if (value === undefined) throw new InvalidInputError(`replay: --${flag} is required\n${REPLAY_USAGE}`);
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || !Number.isFinite(ms))
    throw new InvalidInputError(
      `replay: --${flag} is not an ISO-8601 time (e.g. 2026-03-02T09:15:00Z): ${value}`,
    );
  return ms;
}

/** Parses `--from`, `--to`, `--env` and `--json`; throws naming the first problem and the usage. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  let values: { from?: string; to?: string; env?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        env: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InvalidInputError(`replay: ${(error as Error).message}\n${REPLAY_USAGE}`);
  }
  const fromMs = isoTime('from', values.from);
  const toMs = isoTime('to', values.to);
  if (toMs <= fromMs)
    throw new InvalidInputError(`replay: --to (${values.to}) must be after --from (${values.from})`);
  if (values.env !== undefined && values.env.trim() === '')
    throw new InvalidInputError(`replay: --env needs a file name\n${REPLAY_USAGE}`);
  return { fromMs, toMs, envFile: values.env ?? null, json: values.json ?? false };
}

import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from './replay-args.ts';

describe('parseReplayArgs', () => {
  const window = ['--from', '2026-03-02T09:00:00Z', '--to', '2026-03-02T10:00:00.000Z'];

  it('reads the window, --env and --json', () => {
    expect(parseReplayArgs([...window, '--env', 'tight.env', '--json'])).toEqual({
      fromMs: Date.parse('2026-03-02T09:00:00Z'),
      toMs: Date.parse('2026-03-02T10:00:00Z'),
      envFile: 'tight.env',
      json: true,
    });
  });

  it('defaults to the table under the process settings', () => {
    expect(parseReplayArgs(window)).toMatchObject({ envFile: null, json: false });
  });

  it.each([
    [['--to', '2026-03-02T10:00:00Z'], /--from is required/],
    [['--from', '2026-03-02', '--to', '2026-03-02T10:00:00Z'], /--from is not an ISO-8601 time/],
    [['--from', '2026-03-02T10:00:00Z', '--to', '2026-03-02T09:00:00Z'], /--to .* must be after --from/],
    [[...window, '--speed', '2'], /Unknown option '--speed'/],
    [[...window, '--env', ' '], /--env needs a file name/],
  ])('refuses %j, naming the problem and the usage', (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { parseUsersArgs } from './users-args.ts';
import { formatAccounts } from './users-command.ts';
import { checkNewPassword } from './read-password.ts';
import { InvalidInputError } from '../../errors/index.ts';

describe('parseUsersArgs', () => {
  it('reads each command, lower-casing names', () => {
    expect(parseUsersArgs(['add', 'Alice', '--role', 'trader'])).toEqual({
      kind: 'add',
      username: 'alice',
      role: 'trader',
      passwordStdin: false,
    });
    expect(parseUsersArgs(['add', 'bot', '--password-stdin', '--role=viewer'])).toMatchObject({
      passwordStdin: true,
      role: 'viewer',
    });
    expect(parseUsersArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseUsersArgs(['set-role', 'bob', 'admin'])).toEqual({
      kind: 'set-role',
      username: 'bob',
      role: 'admin',
    });
    expect(parseUsersArgs(['set-password', 'Bob'])).toEqual({
      kind: 'set-password',
      username: 'bob',
      passwordStdin: false,
    });
    expect(parseUsersArgs(['set-password', '--password-stdin', 'bob'])).toEqual({
      kind: 'set-password',
      username: 'bob',
      passwordStdin: true,
    });
    expect(parseUsersArgs(['disable', 'bob'])).toEqual({ kind: 'disable', username: 'bob' });
    expect(parseUsersArgs(['token', 'bob'])).toEqual({ kind: 'token', username: 'bob' });
    expect(parseUsersArgs([])).toEqual({ kind: 'help' });
  });

  describe('when the command line is wrong', () => {
    it.each([
      [['nope'], /unknown command "nope"/],
      [['add', 'alice'], /add needs --role/],
      [['add', '--role', 'trader'], /add takes one <name>/],
      [['add', 'alice', '--role', 'trader', '--pasword-stdin'], /Unknown option '--pasword-stdin'/],
      [['set-role', 'alice'], /set-role takes <name> <role>/],
      [['set-role', 'alice', 'god'], /bad role "god": a role is one of viewer, trader, risk_manager, admin/],
      [['disable', '_x'], /bad username "_x"/],
      [['list', 'extra'], /list takes no argument/],
      [['set-password'], /set-password takes one <name>/],
      [['set-password', 'alice', 'bob'], /set-password takes one <name>/],
      [['set-password', 'alice', '--role', 'admin'], /set-password takes no --role/],
      [['set-password', '9lives'], /bad username "9lives"/],
    ])('%j is refused: %s', (argv, message) => {
      expect(() => parseUsersArgs(argv)).toThrow(InvalidInputError);
      expect(() => parseUsersArgs(argv)).toThrow(message);
    });
  });
});

describe('formatAccounts', () => {
  it('prints an aligned table to the second', () => {
    const at = '2026-12-05T19:00:00.123Z';
    expect(
      formatAccounts([
        { username: 'alice', role: 'admin', disabled: false, created_at: at, updated_at: at },
        { username: 'bo', role: 'risk_manager', disabled: true, created_at: at, updated_at: at },
      ]),
    ).toEqual([
      'USERNAME  ROLE          DISABLED  CREATED',
      'alice     admin         no        2026-12-05T19:00:00Z',
      'bo        risk_manager  yes       2026-12-05T19:00:00Z',
    ]);
  });
});

describe('checkNewPassword', () => {
  it('wants 8 characters on one line, and never echoes the password', () => {
    expect(checkNewPassword('12345678')).toBe('12345678');
    expect(() => checkNewPassword('short')).toThrow(/at least 8 characters/);
    expect(() => checkNewPassword('two\nlines')).toThrow(/one line/);
  });
});

import { z } from 'zod';
import { BOOLEAN, NUMBER } from './readers.ts';
import { setting } from './setting.ts';

/** The gateway's sign-in sessions (issue 10); part of the process settings. */
export const AUTH_ENV = {
  sessionIdleMin: setting({
    variable: 'SESSION_IDLE_MIN',
    reader: NUMBER,
    schema: z.number().positive().default(480),
    meaning:
      'a session with no HTTP request for this long ends (each HTTP request refreshes it; WebSocket traffic does not), minutes',
  }),
  sessionMaxH: setting({
    variable: 'SESSION_MAX_H',
    reader: NUMBER,
    schema: z.number().positive().default(24),
    meaning: 'a session ends this long after its sign-in, whatever its use, hours',
  }),
  passwordHashCost: setting({
    variable: 'PASSWORD_HASH_COST',
    reader: NUMBER,
    schema: z.number().int().min(10).max(20).default(16),
    meaning:
      'scrypt cost of new password hashes, log2 N (16: 64 MiB, about 160 ms; r 8, p 1); a stored hash keeps its own cost and is re-hashed at the next sign-in after a change. Below 16 only for tests',
  }),
  cookieSecure: setting({
    variable: 'COOKIE_SECURE',
    reader: BOOLEAN,
    schema: z.boolean().default(false),
    meaning:
      '`true` marks the session cookie `Secure` (browsers then send it over HTTPS only): set it when the console is served over HTTPS',
  }),
};

/**
 * Variables that meant something once and now do not: a leftover stops the process with what to do
 * instead, rather than being silently ignored.
 */
export const RETIRED_VARIABLES: Readonly<Record<string, string>> = {
  DEFAULT_TRADER_ID:
    'retired: the user recorded on approvals, vetoes, trading-state changes and audit rows is now the signed-in user (README "Sign-in and roles"); remove this variable',
};

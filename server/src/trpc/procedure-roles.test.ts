import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { startGateway } from '../gateway.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemoryStores } from '../stores/stores.ts';
import { pinnedLeastRoles } from '../testing/pinned-role-table.ts';
import { checkRoleTable, leastRoleOf, PROCEDURE_ROLES, type LeastRole } from './procedure-roles.ts';

const { 'users.list': _dropped, ...withoutUsersList } = PROCEDURE_ROLES;

describe('checkRoleTable', () => {
  describe('when the table and the router match', () => {
    it('passes', () => {
      expect(() => checkRoleTable(Object.keys(PROCEDURE_ROLES))).not.toThrow();
    });
  });

  describe('when a procedure has no row', () => {
    it('throws naming it', () => {
      expect(() => checkRoleTable([...Object.keys(PROCEDURE_ROLES), 'orders.cancel'])).toThrow(
        /procedures without a role \(add them to PROCEDURE_ROLES\): orders\.cancel/,
      );
    });
  });

  describe('when a row names no procedure', () => {
    it('throws naming it', () => {
      expect(() => checkRoleTable(Object.keys(withoutUsersList))).toThrow(
        /roles of procedures that do not exist: users\.list/,
      );
    });
  });

  describe('when a row names a role that does not exist', () => {
    it('throws naming the row', () => {
      expect(() => checkRoleTable(['health'], { health: 'superuser' as never })).toThrow(
        /rows with an unknown role: health/,
      );
    });
  });
});

/**
 * The README's "Sign-in and roles" table as path → least role: each row's backticked paths, its role
 * backticked (or `public`).
 */
function readmeRoleTable(): Record<string, string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('| Procedure');
  const rows = readme.slice(start).split('\n\n')[0]?.split('\n').slice(2) ?? [];
  const table: Record<string, string> = {};
  for (const row of rows) {
    const [, procedures = '', role = ''] = row.split('|');
    for (const [, path] of procedures.matchAll(/`([^`]+)`/g))
      table[path ?? ''] = role.replaceAll('`', '').trim();
  }
  return table;
}

describe('the role table', () => {
  it('is exactly the pinned table, row for row (a changed least role must change the test too)', () => {
    const enforced: Record<string, LeastRole> = { ...PROCEDURE_ROLES };
    expect(enforced).toEqual(pinnedLeastRoles());
  });

  it("is the README's table", () => {
    expect(readmeRoleTable()).toEqual(pinnedLeastRoles());
  });
});

describe('leastRoleOf', () => {
  it("reads a path's row, and nothing for a path without one", () => {
    expect(leastRoleOf('health')).toBe('public');
    expect(leastRoleOf('approvals.approve')).toBe('trader');
    expect(leastRoleOf('risk.setTradingState')).toBe('risk_manager');
    expect(leastRoleOf('users.disable')).toBe('admin');
    expect(leastRoleOf('toString')).toBeUndefined();
  });

  it('makes only health and auth.login public', () => {
    const open = Object.entries(PROCEDURE_ROLES).filter(([, role]) => role === 'public');
    expect(open.map(([path]) => path).sort()).toEqual(['auth.login', 'health']);
  });
});

describe('startGateway', () => {
  describe('when the role table misses a procedure of the router', () => {
    it('does not start', async () => {
      const bus = new InMemoryBus();
      const start = startGateway({
        bus,
        stores: createMemoryStores(bus),
        config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
        clock: new FakeClock(),
        log: silentLogger,
        roleTable: withoutUsersList,
      });
      await expect(start).rejects.toThrow(/procedures without a role .*: users\.list/);
    });
  });
});

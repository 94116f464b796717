import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCRIPT_KEYS } from './key-table.ts';

const SERVER_SRC = new URL('..', import.meta.url).pathname;

/** The server's production sources (tests, benches and test harnesses left out), path → text. */
function sources(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'bench' && entry.name !== 'testing') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        found.set(relative(SERVER_SRC, path), readFileSync(path, 'utf8'));
      }
    }
  };
  walk(SERVER_SRC);
  return found;
}

/**
 * The commands that may touch several keys at once, which a Redis Cluster refuses unless every key is in one slot
 * (a pipeline: on one node), and the stream reads, which must name one stream each (one slot).
 */
const MULTI_KEY_CALLS = {
  multi: /\.multi\(/g,
  pipeline: /\.pipeline\(/g,
  eval: /\.eval(sha)?\(/g,
  defineCommand: /\.defineCommand\(/g,
  mget: /\.mget\(/g,
  streamRead: /\.call\('XREAD(GROUP)?'|\.xread(group)?\(/g,
} as const;

/**
 * Every such call in the server, by file, counted, with why it is safe on a cluster. A new one fails the test
 * until its keys share a tag (built by `SCRIPT_KEYS` or `TRANSACTION_KEYS`, checked by `key-table.test.ts`) or it
 * is split per slot, and it is listed here.
 */
const REVIEWED: Record<string, Partial<Record<keyof typeof MULTI_KEY_CALLS, number>>> = {
  // XREADGROUP of the one stream of a subscription; MULTI of the dead letter only on one Redis (two steps on a cluster)
  'bus/redis-consumer.ts': { streamRead: 1, multi: 1 },
  // XREADGROUP of the one stream whose pending entries are reclaimed
  'bus/redis-reclaim.ts': { streamRead: 1 },
  // XREAD of the one stream a shared reader follows
  'bus/stream-reader.ts': { streamRead: 1 },
  // Two pipelines of one key each, the minute's hash and the totals (the reader sends one HGETALL per minute)
  'bus/bus-counts.ts': { pipeline: 2 },
  // MGET of done-marks of one stream and scope: the stream's tag
  'stores/once/redis-once-marks.ts': { mget: 1 },
  // The Lua scripts, with the keys of SCRIPT_KEYS
  'stores/scripts/scripts.ts': { defineCommand: 1 },
  // TRANSACTION_KEYS.sessionCreate, and TRANSACTION_KEYS.loginFailures for MGET and both scripts
  'stores/sessions/redis-session-store.ts': { multi: 1, mget: 1, eval: 2 },
  // MULTI on the one acks hash
  'stores/alert-acks/alert-ack-store.ts': { multi: 1 },
  // MULTI on the one handled hash
  'stores/dead-letters/dead-letter-store.ts': { multi: 1 },
};

describe('Redis Cluster rules in the server code', () => {
  it('lists every multi-key command, transaction, script and stream read as reviewed', () => {
    const counted: typeof REVIEWED = {};
    for (const [file, text] of sources()) {
      for (const [kind, pattern] of Object.entries(MULTI_KEY_CALLS)) {
        const count = text.match(pattern)?.length ?? 0;
        if (count > 0) (counted[file] ??= {})[kind as keyof typeof MULTI_KEY_CALLS] = count;
      }
    }
    expect(counted).toEqual(REVIEWED);
  });

  it('passes every script the keys SCRIPT_KEYS builds for it (whose slots key-table.test.ts checks)', () => {
    const calls: { file: string; script: string; keyed: boolean }[] = [];
    for (const [file, text] of sources()) {
      for (const match of text.matchAll(/scripts\.(\w+)\(/g)) {
        const script = match[1] ?? '';
        calls.push({ file, script, keyed: text.includes(`SCRIPT_KEYS.${script}(`) });
      }
    }
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(Object.keys(SCRIPT_KEYS)).toContain(call.script);
      expect(call).toEqual({ ...call, keyed: true });
    }
  });
});

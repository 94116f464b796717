import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts';

const FORMAT = { schema: 3, state: z.object({ n: z.number().default(0) }) };

describe('decodeSnapshot', () => {
  it('reads no record as none', () => {
    expect(decodeSnapshot(null, FORMAT)).toEqual({ status: 'none' });
  });

  it('returns the state as the format parses it (defaults filled in)', () => {
    const text = encodeSnapshot({ schema: 3, covers: { 'order.fill': '5-1' }, takenAtMs: 7, state: {} });
    expect(decodeSnapshot(text, FORMAT)).toEqual({
      status: 'ok',
      snapshot: { schema: 3, covers: { 'order.fill': '5-1' }, takenAtMs: 7, state: { n: 0 } },
    });
  });

  it('rejects a newer version as well as an older one', () => {
    const text = encodeSnapshot({ schema: 4, covers: {}, takenAtMs: 7, state: { n: 1 } });
    expect(decodeSnapshot(text, FORMAT)).toEqual({
      status: 'rejected',
      reason: 'schema version 4, this build reads 3',
    });
  });

  it('rejects JSON that is not an object', () => {
    expect(decodeSnapshot('42', FORMAT).status).toBe('rejected');
  });
});

import { describe, expect, it } from 'vitest';
import { sharedMessageEncoder } from './frame-encoder.ts';

const tracked = (requestId: number, entryId: string, data: object) => ({
  id: requestId,
  jsonrpc: '2.0',
  result: { type: 'data', id: entryId, data },
});

describe('sharedMessageEncoder', () => {
  it('writes exactly what JSON.stringify writes, for tracked events and everything else', () => {
    const encoder = sharedMessageEncoder();
    const message = {
      intent_id: 'i-1',
      quantity: 0.1,
      metadata: { note: 'a "quoted" $& \u2028 text', n: NaN },
    };
    const frames = [
      tracked(7, '1772442904120-0', message),
      tracked(8, '1772442904120-0', message),
      { id: 3, result: { type: 'data', data: { rows: [1, 2] } } },
      { id: 4, error: { message: 'no', code: -32600 } },
      { id: null, method: 'reconnect' },
    ];
    for (const frame of frames) expect(encoder.encode(frame)).toBe(JSON.stringify(frame));
  });

  it('serialises a shared message once for all the frames that carry it', () => {
    const encoder = sharedMessageEncoder();
    let serialised = 0;
    const message = {
      toJSON() {
        serialised += 1;
        return { intent_id: 'i-1' };
      },
    };
    const first = encoder.encode(tracked(1, '5-0', message));
    const second = encoder.encode(tracked(2, '5-0', message));
    expect(serialised).toBe(1);
    expect(first).toBe(
      '{"id":1,"jsonrpc":"2.0","result":{"type":"data","id":"5-0","data":{"intent_id":"i-1"}}}',
    );
    expect(second).toBe(
      '{"id":2,"jsonrpc":"2.0","result":{"type":"data","id":"5-0","data":{"intent_id":"i-1"}}}',
    );
  });

  it('reads frames as JSON', () => {
    expect(sharedMessageEncoder().decode('{"id":1,"method":"subscription"}')).toEqual({
      id: 1,
      method: 'subscription',
    });
  });
});

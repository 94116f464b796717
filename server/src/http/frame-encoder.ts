import { jsonEncoder, type Encoder } from '@trpc/server/adapters/ws';

/** Stands where a tracked event's data goes while its envelope is written; no message carries NUL characters. */
const SLOT = '\u0000gamma:data\u0000';
const SLOT_JSON = JSON.stringify(SLOT);

interface TrackedResponse {
  result: { type: 'data'; id: string; data: object };
}

/** A subscription's tracked event: `result.id` is its stream entry id and `result.data` the decoded message. */
const isTracked = (message: unknown): message is TrackedResponse => {
  const result = (message as { result?: { type?: unknown; id?: unknown; data?: unknown } } | null)?.result;
  return (
    result?.type === 'data' &&
    typeof result.id === 'string' &&
    typeof result.data === 'object' &&
    result.data !== null
  );
};

/**
 * The gateway's WebSocket frames: plain JSON, like tRPC's own encoder, but a tracked event's message is
 * serialised once for all its subscribers. The shared tail (bus/stream-reader) hands every subscriber of a
 * stream the same decoded, never-mutated message object, so its JSON is kept by object for as long as the
 * object lives; each frame then only writes its small envelope (request id, entry id) around it. With 200
 * subscribers, serialising the message per frame was most of the gateway's fan-out time.
 */
export function sharedMessageEncoder(): Encoder {
  const json = new WeakMap<object, string>();
  return {
    encode(message) {
      if (!isTracked(message)) return jsonEncoder.encode(message);
      const { data } = message.result;
      let body = json.get(data);
      if (body === undefined) {
        body = JSON.stringify(data);
        json.set(data, body);
      }
      const envelope = JSON.stringify({ ...message, result: { ...message.result, data: SLOT } });
      const at = envelope.indexOf(SLOT_JSON);
      return envelope.slice(0, at) + body + envelope.slice(at + SLOT_JSON.length);
    },
    decode: (data) => jsonEncoder.decode(data),
  };
}

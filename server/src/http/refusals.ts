import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { securityHeaders } from './security-headers.ts';

/** The JSON-RPC code tRPC gives each error the gateway answers itself, before tRPC runs. */
const RPC_CODES = { FORBIDDEN: -32003 } as const;
/** A code of {@link RPC_CODES}, named as tRPC names its errors. */
export type RefusalCode = keyof typeof RPC_CODES;

const HTTP_STATUS: Record<RefusalCode, number> = { FORBIDDEN: 403 };

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/**
 * The body of a refusal: under `/trpc`, a tRPC error per procedure of the call (an array for a batch), so the
 * console's client reports the message like any procedure's error; elsewhere `{ error }`.
 */
function refusalBody(url: string | undefined, code: RefusalCode, message: string): unknown {
  const path = pathOf(url);
  if (path !== '/trpc' && !path.startsWith('/trpc/')) return { error: message };
  const procedures = decodeURIComponent(path.slice('/trpc/'.length)).split(',');
  const shape = (procedure: string) => ({
    error: {
      message,
      code: RPC_CODES[code],
      data: { code, httpStatus: HTTP_STATUS[code], path: procedure, zodError: null },
    },
  });
  const batch = new URL(url ?? '/', 'http://localhost').searchParams.get('batch') !== null;
  return batch ? procedures.map(shape) : shape(procedures[0] ?? '');
}

/** Answers an HTTP request with a JSON refusal (the security headers are already on `res`). */
export function refuseRequest(
  req: IncomingMessage,
  res: ServerResponse,
  { code, message }: { code: RefusalCode; message: string },
): void {
  let body: unknown;
  try {
    body = refusalBody(req.url, code, message);
  } catch {
    body = { error: message }; // a path that is not valid percent-encoding
  }
  res.writeHead(HTTP_STATUS[code], {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * Answers on a raw socket (a refused WebSocket upgrade, a request Node could not parse) with an HTTP response and
 * the security headers, then closes it: no WebSocket is created, nothing else is sent.
 */
export function refuseOnSocket(
  socket: Duplex,
  { status, message, host }: { status: number; message: string; host: string | undefined },
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  const headers: OutgoingHttpHeaders = {
    ...securityHeaders(host),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`);
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** Node's `clientError`: a request it cannot parse gets its error status, with the security headers, and is closed. */
export function refuseUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  refuseOnSocket(socket, { status, message: STATUS_CODES[status] ?? 'bad request', host: undefined });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { roleAtLeast } from '@gamma/shared';
import type { GatewayParts } from '../trpc/context.ts';
import { PROCEDURE_ROLES } from '../trpc/procedure-roles.ts';
import { pqSpreadOf } from '../trpc/routers/market-router.ts';

/** The REST path of the pq-spread view (SPEC §10.1). */
export const PQ_SPREAD_PATH = '/api/v1/options/pq-spread/';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `GET /api/v1/options/pq-spread/{underlying}` with `BTC-USDT` or `BTC%2FUSDT`: the same JSON as
 * `market.pqSpread`, for whom the role table lets call it (401 signed out, 403 below its role); 404 with
 * an error for an unknown underlying, 405 for other methods.
 */
export async function handlePqSpreadRest(
  req: IncomingMessage,
  res: ServerResponse,
  parts: GatewayParts,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return json(res, 405, { error: 'method not allowed' });
  }
  const auth = await parts.authenticator.resolveAuth(req.headers);
  const least = PROCEDURE_ROLES['market.pqSpread'];
  if (auth === null) return json(res, 401, { error: 'sign in first, or send Authorization: Bearer <token>' });
  if (!roleAtLeast(auth.role, least)) return json(res, 403, { error: `needs the role ${least}` });
  // The raw path keeps %2F encoded, so decode the segment ourselves
  const rawPath = (req.url ?? '').split('?')[0] ?? '';
  const segment = rawPath.slice(PQ_SPREAD_PATH.length);
  let underlying: string;
  try {
    underlying = decodeURIComponent(segment);
  } catch {
    return json(res, 400, { error: `bad underlying in path: ${segment}` });
  }
  if (underlying === '')
    return json(res, 400, { error: 'missing underlying, e.g. /api/v1/options/pq-spread/BTC-USDT' });
  const view = pqSpreadOf(parts, underlying);
  if (view === null) return json(res, 404, { error: `unknown underlying ${underlying}` });
  json(res, 200, view);
}

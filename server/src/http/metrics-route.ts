import type { IncomingMessage, ServerResponse } from 'node:http';
import { roleAtLeast } from '@gamma/shared';
import type { Authenticator } from '../auth/authenticator.ts';
import type { DeskMetrics } from '../metrics/desk-metrics.ts';
import { PROCEDURE_ROLES } from '../trpc/procedure-roles.ts';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** Who may scrape: whoever may read the Ops page, whose counters these are (`monitoring.streams`). */
export const METRICS_LEAST_ROLE = PROCEDURE_ROLES['monitoring.streams'];

/** A plain-text refusal. */
function refuse(
  res: ServerResponse,
  refusal: { status: number; text: string; headers?: Record<string, string> },
) {
  res.writeHead(refusal.status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...refusal.headers,
  });
  res.end(`${refusal.text}\n`);
}

/**
 * `GET /metrics`: the Prometheus text format, for a signed-in account of at least {@link METRICS_LEAST_ROLE},
 * by an API token (`Authorization: Bearer gma_…`, what Prometheus' `authorization` setting sends) or a session
 * cookie. 401 with `WWW-Authenticate: Bearer` without a valid credential, 403 below the role, 405 for other
 * methods. A scrape does not extend a session's idle time.
 */
export async function handleMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { authenticator: Authenticator; metrics: DeskMetrics },
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(res, { status: 405, text: 'method not allowed', headers: { allow: 'GET, HEAD' } });
  }
  const auth = await deps.authenticator.resolveAuth(req.headers, { refresh: false });
  if (auth === null) {
    return refuse(res, {
      status: 401,
      text: 'sign in first, or send Authorization: Bearer <API token>',
      headers: { 'www-authenticate': 'Bearer realm="gamma metrics"' },
    });
  }
  if (!roleAtLeast(auth.role, METRICS_LEAST_ROLE))
    return refuse(res, { status: 403, text: `needs the role ${METRICS_LEAST_ROLE}` });
  const body = await deps.metrics.render();
  res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

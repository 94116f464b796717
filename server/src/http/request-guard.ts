import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.ts';
import { foreignOriginOf } from './origins.ts';
import { refuseRequest } from './refusals.ts';
import { securityHeaders } from './security-headers.ts';

/** Methods that change nothing; every other method is refused from a foreign `Origin` (CSRF). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What every HTTP request goes through first: the security headers go on its response (whatever answers it
 * later), and a request that may change something from a page of a foreign origin is answered 403 here (CSRF).
 * Returns whether the request may go on.
 */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { allowedOrigins: readonly string[]; log: Logger },
): boolean {
  for (const [name, value] of Object.entries(securityHeaders(req.headers.host))) res.setHeader(name, value);
  if (SAFE_METHODS.has(req.method ?? 'GET')) return true;
  const foreign = foreignOriginOf(req.headers, options.allowedOrigins);
  if (foreign === null) return true;
  options.log.warn('request from a foreign origin refused', {
    method: req.method,
    url: req.url,
    origin: foreign,
  });
  refuseRequest(req, res, {
    code: 'FORBIDDEN',
    message: `origin ${foreign} is not allowed (ALLOWED_ORIGINS)`,
  });
  return false;
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../lib/logger.ts';
import type { OnchainReply } from './core/onchain.ts';
import type { SentimentReply } from './core/sentiment.ts';

/** Answers a sentiment query; null when the query names no simulated coin. */
export type SentimentSource = (query: string, maxResults: number) => SentimentReply | null;
/** Answers an on-chain activity query for a coin (`BTC`); null when no simulated coin matches. */
export type OnchainSource = (asset: string) => OnchainReply | null;

/** What the server answers: tweet sentiment and on-chain activity. */
export interface MacroSources {
  sentiment: SentimentSource;
  onchain: OnchainSource;
}

/** A running sentiment HTTP server. */
export interface SentimentServer {
  /** The bound port (useful when started on port 0) */
  readonly port: number;
  close(): Promise<void>;
}

const PATH = '/api/v1/sentiment/twitter';
const ONCHAIN_PATH = '/api/v1/onchain/activity';
const DEFAULT_MAX_RESULTS = 20;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function handleOnchain(url: URL, res: ServerResponse, source: OnchainSource): void {
  const asset = url.searchParams.get('asset')?.trim() ?? '';
  if (asset === '') return send(res, 400, { error: 'asset is required, e.g. ?asset=BTC' });
  const reply = source(asset);
  if (reply === null) return send(res, 404, { error: `no simulated on-chain activity for asset "${asset}"` });
  return send(res, 200, reply);
}

function handle(req: IncomingMessage, res: ServerResponse, sources: MacroSources): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== PATH && url.pathname !== ONCHAIN_PATH)
    return send(res, 404, { error: `not found: ${url.pathname}; try GET ${PATH} or ${ONCHAIN_PATH}` });
  if (req.method !== 'GET')
    return send(res, 405, { error: `method ${req.method ?? ''} not allowed; use GET` });
  if (url.pathname === ONCHAIN_PATH) return handleOnchain(url, res, sources.onchain);
  const query = url.searchParams.get('query')?.trim() ?? '';
  if (query === '') return send(res, 400, { error: 'query is required, e.g. ?query=BTC' });
  const rawMax = url.searchParams.get('max_results');
  const maxResults = rawMax === null ? DEFAULT_MAX_RESULTS : Number(rawMax);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    return send(res, 400, { error: `max_results must be an integer in 1…100, got ${rawMax ?? ''}` });
  }
  const reply = sources.sentiment(query, maxResults);
  if (reply === null) return send(res, 404, { error: `no simulated sentiment for query "${query}"` });
  return send(res, 200, reply);
}

/**
 * Serves `GET /api/v1/sentiment/twitter?query=…` (SPEC §6.3 step 1, §8.2) and
 * `GET /api/v1/onchain/activity?asset=…` (the simulated on-chain source) on 127.0.0.1:`port`.
 * When the port cannot be bound (e.g. in use) it logs a warning and resolves null: the simulator
 * runs on without it and the risk service sees null sentiment.
 */
export function startSentimentServer(
  port: number,
  sources: MacroSources,
  log: Logger,
): Promise<SentimentServer | null> {
  const server = createServer((req, res) => handle(req, res, sources));
  return new Promise((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      log.warn('sentiment server not started; continuing without it (risk service gets null sentiment)', {
        port,
        code: err.code,
        error: err.message,
      });
      resolve(null);
    });
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      log.info('sentiment server listening', {
        url: `http://127.0.0.1:${bound}${PATH}`,
        onchain: `http://127.0.0.1:${bound}${ONCHAIN_PATH}`,
      });
      resolve({
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

import { Redis } from 'ioredis';
import { textFlag, numberFlag } from './args.ts';
import { runBareLoop } from './bare-loop.ts';
import { startBullWorkers } from './bullmq-worker.ts';

/**
 * A bench consumer process: `--mode bare` (the bare ioredis loop; with `--out <key>` it writes to that one
 * stream, capped near `--out-maxlen`, default 1000) or `--mode bullmq --concurrency N`, on `--url` under
 * `--prefix`. Prints `consumer ready` once it reads; stops on SIGTERM.
 */
const argv = process.argv.slice(2);
const url = textFlag(argv, 'url', 'redis://127.0.0.1:6401');
const prefix = textFlag(argv, 'prefix', 'bench');
const mode = textFlag(argv, 'mode', 'bare');
const out = textFlag(argv, 'out', '');
const output = out === '' ? undefined : { key: out, maxLen: numberFlag(argv, 'out-maxlen', 1000) };
const stop = new AbortController();
const commands = new Redis(url, { maxRetriesPerRequest: null });

if (mode === 'bare') {
  const blocking = commands.duplicate();
  await commands.ping();
  const loop = runBareLoop({ commands, blocking }, { prefix, signal: stop.signal, output });
  process.stdout.write('consumer ready\n');
  process.once('SIGTERM', () => {
    stop.abort();
    void loop.finally(() => process.exit(0));
  });
} else {
  const worker = startBullWorkers({ url, prefix, concurrency: numberFlag(argv, 'concurrency', 1) }, commands);
  await worker.waitUntilReady();
  process.stdout.write('consumer ready\n');
  process.once('SIGTERM', () => void worker.close().finally(() => process.exit(0)));
}

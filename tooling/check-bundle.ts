// npm run check:bundle (run by npm test after the console's build): the initial JavaScript, the entry and
// its static imports, is at most 150 kB gzip and holds no chart code. Prints the sizes; exits 1 when over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  INITIAL_GZIP_LIMIT,
  initialChunkKeys,
  isChartChunk,
  lazyChunkKeys,
  type Manifest,
} from './bundle-budget';

const dist = fileURLToPath(new URL('../web/dist', import.meta.url));
const manifestPath = join(dist, '.vite', 'manifest.json');
let manifest: Manifest;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
} catch (error) {
  console.error(`check:bundle: cannot read ${manifestPath} (run npm run build first): ${String(error)}`);
  process.exit(1);
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const sized = (key: string) => {
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`the manifest has no chunk ${key}`);
  const text = readFileSync(join(dist, chunk.file), 'utf8');
  return { key, chunk, text, raw: Buffer.byteLength(text), gzip: gzipSync(text).length };
};

const initial = initialChunkKeys(manifest).map(sized);
const lazy = lazyChunkKeys(manifest).map(sized);
const initialGzip = initial.reduce((sum, c) => sum + c.gzip, 0);
const initialRaw = initial.reduce((sum, c) => sum + c.raw, 0);
const largestLazy = lazy.reduce<(typeof lazy)[number] | undefined>(
  (a, c) => (a && a.gzip >= c.gzip ? a : c),
  undefined,
);

console.log(
  `initial JavaScript: ${kB(initialGzip)} gzip (${kB(initialRaw)} raw), limit ${kB(INITIAL_GZIP_LIMIT)}`,
);
for (const c of initial) console.log(`  ${c.chunk.file}  ${kB(c.gzip)} gzip`);
console.log(
  largestLazy === undefined
    ? 'largest lazy chunk: none'
    : `largest lazy chunk: ${largestLazy.chunk.file} ${kB(largestLazy.gzip)} gzip (${kB(largestLazy.raw)} raw), ${lazy.length} lazy chunk(s)`,
);

const failures: string[] = [];
if (initialGzip > INITIAL_GZIP_LIMIT)
  failures.push(`initial JavaScript is ${kB(initialGzip)} gzip, over the ${kB(INITIAL_GZIP_LIMIT)} limit`);
for (const c of initial)
  if (isChartChunk(c.key, c.chunk, c.text))
    failures.push(`initial chunk ${c.chunk.file} holds chart code (recharts)`);
if (!lazy.some((c) => isChartChunk(c.key, c.chunk, c.text)))
  failures.push('no lazy chunk holds recharts: the chart marker check no longer finds the library');
for (const failure of failures) console.error(`check:bundle: ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);

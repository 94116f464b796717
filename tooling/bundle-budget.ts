// The console's initial JavaScript budget (issue 11 item 10), read from Vite's build manifest.

/** One entry of web/dist/.vite/manifest.json (the fields the budget reads). */
export interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}
export type Manifest = Readonly<Record<string, ManifestChunk>>;

/** Initial JavaScript at most this many gzip bytes (kB = 1000 bytes, as Vite prints it). */
export const INITIAL_GZIP_LIMIT = 150_000;
/** recharts renders these class names: a chunk holding them holds the chart library. */
export const CHART_MARKERS: readonly string[] = ['recharts-wrapper', 'recharts-surface'];

/** The manifest keys loaded before the console renders: the entries and, transitively, their static imports. */
export function initialChunkKeys(manifest: Manifest): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`the manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  if (entries.length === 0) throw new Error('the manifest has no entry chunk');
  for (const key of entries) visit(key);
  return [...seen].filter((key) => manifest[key]?.file.endsWith('.js'));
}

/** The JavaScript chunks loaded on demand: every other .js chunk of the manifest. */
export function lazyChunkKeys(manifest: Manifest): string[] {
  const initial = new Set(initialChunkKeys(manifest));
  return Object.keys(manifest).filter((key) => !initial.has(key) && manifest[key]?.file.endsWith('.js'));
}

/** Whether a chunk is chart code: recharts in its source path or name, or recharts' class names in its text. */
export function isChartChunk(key: string, chunk: ManifestChunk, text: string): boolean {
  const named = [key, chunk.name ?? '', chunk.src ?? ''].some((id) => id.includes('recharts'));
  return named || CHART_MARKERS.some((marker) => text.includes(marker));
}

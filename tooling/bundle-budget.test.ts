import { describe, expect, it } from 'vitest';
import { initialChunkKeys, isChartChunk, lazyChunkKeys, type Manifest } from './bundle-budget';

// The shape Vite 8 writes: shared chunks keyed `_name-hash.js`, the entry by index.html, lazy ones by source
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-a.js',
    isEntry: true,
    imports: ['_react-b.js', '_data-c.js'],
    dynamicImports: ['src/features/macro/components/regime-chart-card.tsx'],
  },
  '_react-b.js': { file: 'assets/react-b.js', name: 'react', imports: ['_runtime-d.js'] },
  '_data-c.js': { file: 'assets/data-c.js', name: 'data', imports: ['_react-b.js', '_runtime-d.js'] },
  '_runtime-d.js': { file: 'assets/runtime-d.js' },
  'src/features/macro/components/regime-chart-card.tsx': {
    file: 'assets/regime-chart-card-e.js',
    src: 'src/features/macro/components/regime-chart-card.tsx',
    isDynamicEntry: true,
    imports: ['_react-b.js', 'index.html'],
  },
  'index.css': { file: 'assets/index-f.css' },
};

describe('bundle budget', () => {
  it('counts the entry and its static imports, transitively and once each, as initial', () => {
    expect(initialChunkKeys(manifest).sort()).toEqual([
      '_data-c.js',
      '_react-b.js',
      '_runtime-d.js',
      'index.html',
    ]);
  });

  it('counts the dynamically imported chunks (and only JavaScript) as lazy', () => {
    expect(lazyChunkKeys(manifest)).toEqual(['src/features/macro/components/regime-chart-card.tsx']);
  });

  it('fails loudly on a manifest without an entry or with a dangling import', () => {
    expect(() => initialChunkKeys({ a: { file: 'a.js' } })).toThrow(/no entry/);
    expect(() => initialChunkKeys({ e: { file: 'e.js', isEntry: true, imports: ['_gone.js'] } })).toThrow(
      /_gone/,
    );
  });

  it('finds recharts by its module path or chunk name, or by its class names in the chunk text', () => {
    const chunk = { file: 'assets/x.js' };
    expect(isChartChunk('node_modules/recharts/es6/index.js', chunk, '')).toBe(true);
    expect(isChartChunk('_x.js', { file: 'assets/x.js', name: 'recharts' }, '')).toBe(true);
    expect(isChartChunk('_x.js', chunk, 'className:"recharts-wrapper"')).toBe(true);
    expect(isChartChunk('_x.js', chunk, 'createRoot(document.getElementById("root"))')).toBe(false);
  });
});

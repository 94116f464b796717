import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway in production (same origin); in dev, Vite proxies to it.
const apiPort = process.env.GAMMA_API_PORT ?? '4000';
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // Initial JavaScript stays small (npm run check:bundle reads the manifest): the chart library and later pages
  // load on demand (React.lazy); the framework and the data layer change rarely, so each is its own cached chunk.
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            {
              name: 'data',
              test: /[\\/]node_modules[\\/](@tanstack[\\/](react-query|query-core)|@trpc|zod|zustand)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/trpc': { target: apiTarget, ws: true, changeOrigin: true },
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
});

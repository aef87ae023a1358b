import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server that `npm run dev` proxies to (see scripts/dev.mjs). */
const apiServer = 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The server reads the manifest to know the hashed entry files (and the bundle report uses it).
    manifest: true,
    sourcemap: false,
    // The polyfill would be an extra script; every browser we support has modulepreload.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/auth/eid': apiServer,
      '/eid': apiServer,
      '/healthz': apiServer,
      '^/log/': apiServer,
    },
  },
});

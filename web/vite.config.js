import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages, bundled into the api jar's classpath under /scouter-web (served at / by WebAssets).
export default defineConfig({
  base: '/',
  // `npx vite` while the service runs: live pages, routes forwarded to it.
  server: { proxy: { '/scouter': 'http://localhost:8080' } },
  build: {
    outDir: 'target/classes/scouter-web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 200,
    rollupOptions: {
      input: {
        drift: resolve(import.meta.dirname, 'index.html'),
        archive: resolve(import.meta.dirname, 'archive.html'),
      },
    },
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages, bundled into the api jar's classpath under /scouter-web (served at / by WebAssets).
export default defineConfig({
  base: '/',
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

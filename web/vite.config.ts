import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  // Resolved from this file so the build works whatever directory it is started from.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every supported browser has native modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  server: {
    // `vite --config web/vite.config.ts` next to `npm run dev` gives hot reload against the real Worker.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

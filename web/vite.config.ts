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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Small app modules shared by several pages go in one chunk instead of a dozen tiny requests.
            // The HTML sanitizer is left out: it would bring DOMPurify to every page, not only those that render docs.
            { name: 'shared', test: /[\\/]web[\\/](components|lib|api)[\\/](?!sanitizeDocsHtml\.)/, minShareCount: 2 },
            // Kobalte and the packages it is built on, where several pages use them. Named rather than
            // "everything in node_modules", so a heavy library of one feature (YAML, highlighting, graph
            // layout, sanitizing, templating) stays with the lazy pages that use it.
            {
              name: 'kobalte',
              test: /[\\/]node_modules[\\/](@kobalte|@floating-ui|@internationalized|@solid-primitives|solid-presence|solid-prevent-scroll)[\\/]/,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
  server: {
    // `vite --config web/vite.config.ts` next to `npm run dev` gives hot reload against the real Worker.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

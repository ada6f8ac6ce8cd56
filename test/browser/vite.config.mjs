// Bundles test/browser/entry.js (and the library it imports) for a browser into test/browser/site/.
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export default {
  logLevel: 'warn',
  build: {
    outDir: here('./site'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    lib: { entry: here('./entry.js'), formats: ['es'], fileName: () => 'bundle.js' },
    rollupOptions: { external: [/^node:/] }, // Node-only paths are loaded on demand, never in a browser
  },
};

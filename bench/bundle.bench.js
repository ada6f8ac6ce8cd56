// What a page bundles: the package as an app installs it (node_modules/rmsim → this checkout, so
// package.json's exports, its "browser" field and "sideEffects": false apply), built by vite for
// the browser (minified, es2022). For each page: the JavaScript the page loads (its chunks), the
// Web Worker chunk when it runs a study in workers, and the .wasm, which vite emits as a separate
// asset (fetched with new URL('…/rmsim.wasm', import.meta.url), never inlined); each in kB
// (1000 bytes) minified and gzipped (zlib level 9, what a server sends). A warning from vite
// (e.g. a Node module externalized for the browser) fails the benchmark.
//
//   node bench/bundle.bench.js       prints the table (after npm run build)
//   npm run bench -- bundle          the same, into bench/RESULTS.partial.md
//
// With RMSIM_BASELINE=<another built checkout> the one-kernel page is bundled from it too
// (importing from 'rmsim', for checkouts older than the rmsim/core entry).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, createLogger } from 'vite';
import { commitOf } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const direct = new Set(Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies));

const kB = (bytes) => bytes / 1000;
const gz = (data) => gzipSync(data, { level: 9 }).length;

/** Sizes of a vite build's output: page chunks, worker chunks, .wasm; the rmsim dependencies bundled; vite's warnings. */
async function measureBuild(config, { strict = true } = {}) {
  const warnings = [];
  const logger = createLogger('warn');
  logger.warn = (msg) => void warnings.push(msg);
  logger.warnOnce = logger.warn;
  const out = await build({ ...config, customLogger: logger, logLevel: 'warn' });
  const files = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  const size = (pick) => {
    const chosen = files.filter(pick).map((f) => (f.type === 'chunk' ? Buffer.from(f.code) : Buffer.from(f.source)));
    return { min: kB(chosen.reduce((n, b) => n + b.length, 0)), gzip: kB(chosen.reduce((n, b) => n + gz(b), 0)) };
  };
  // vite bundles a worker as an asset (a .js file that is not a chunk of the page)
  const isWorker = (f) => f.type === 'asset' && f.fileName.endsWith('.js');
  const ids = files.flatMap((f) => (f.type === 'chunk' ? f.moduleIds : []));
  const pkgs = new Set(ids.flatMap((id) => /node_modules\/([^/]+)/.exec(id)?.[1] ?? []).filter((p) => direct.has(p)));
  if (strict && warnings.length) throw new Error(`bundle: vite warned:\n${warnings.join('\n')}`);
  return {
    page: size((f) => f.type === 'chunk'),
    worker: size(isWorker),
    wasm: size((f) => f.type === 'asset' && f.fileName.endsWith('.wasm')),
    pkgs: [...pkgs].sort(),
    warnings: warnings.length,
  };
}

/** Bundle `code` as a page's only module, importing rmsim from `from`. */
async function bundlePage(code, from = root, strict = true) {
  const dir = mkdtempSync(join(tmpdir(), 'rmsim-bundle-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(from, join(dir, 'node_modules', 'rmsim'), 'dir');
    writeFileSync(join(dir, 'entry.js'), code);
    return await measureBuild(
      {
        root: dir,
        configFile: false,
        build: { write: false, minify: true, target: 'es2022', rollupOptions: { input: join(dir, 'entry.js') } },
        worker: { format: 'es' },
      },
      { strict },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true }); // rm does not follow the link into this checkout
  }
}

const PAGES = {
  'pairwiseAccuracy from rmsim/core':
    "import { init, pairwiseAccuracy } from 'rmsim/core';\nawait init();\nglobalThis.r = pairwiseAccuracy([1], [0], [1], [0], 'half');\n",
  'runStudy from rmsim, in the page':
    "import { init, preset, runStudy } from 'rmsim';\nawait init();\nglobalThis.r = await runStudy(preset('quick'));\n",
  'runStudy from rmsim, in webWorkerPool(2)':
    "import { init, preset, runStudy, webWorkerPool } from 'rmsim';\nawait init();\nglobalThis.r = await runStudy(preset('quick'), { pool: webWorkerPool(2) });\n",
  'runStudy + buildReport (rmsim, rmsim/report)':
    "import { init, preset, runStudy } from 'rmsim';\nimport { buildReport } from 'rmsim/report';\nawait init();\nconst r = await runStudy(preset('quick'));\nglobalThis.f = await buildReport(r.rows, r.summary);\n",
};

const f1 = (x) => (x > 0 ? x.toFixed(1) : '–');

export default async function bundles() {
  const measured = {};
  for (const [page, code] of Object.entries(PAGES)) measured[page] = await bundlePage(code);
  // the demo, as npm run build:web builds it (vega-embed and its vega, vega-lite included)
  measured['the web demo (examples/web: webWorkerPool, vega-embed)'] = await measureBuild({
    configFile: join(root, 'examples/web/vite.config.js'),
    build: { write: false },
  });
  const baseline = process.env.RMSIM_BASELINE;
  if (baseline) {
    measured[`baseline (commit ${commitOf(baseline)}): pairwiseAccuracy from rmsim`] = await bundlePage(
      "import { pairwiseAccuracy } from 'rmsim';\nglobalThis.r = pairwiseAccuracy([1], [0], [1], [0], 'half');\n",
      baseline,
      false,
    );
  }
  const lines = [
    '| page | JavaScript kB (gzip) | worker kB (gzip) | .wasm kB (gzip) | dependencies bundled | vite warnings |',
    '| --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const [page, b] of Object.entries(measured)) {
    lines.push(
      `| ${page} | ${f1(b.page.min)} (${f1(b.page.gzip)}) | ${f1(b.worker.min)} (${f1(b.worker.gzip)}) | ${f1(b.wasm.min)} (${f1(b.wasm.gzip)}) | ${b.pkgs.join(', ') || 'none'} | ${b.warnings} |`,
    );
  }
  const table = lines.join('\n');
  process.stderr.write(`${table}\n`);
  return {
    kernel: 'browser bundles',
    unit: 'kB minified',
    base: 'pairwiseAccuracy from rmsim/core',
    size: 'a page importing the named functions from the installed package, vite build for the browser (minified, es2022); JavaScript the page loads, minified',
    results: Object.fromEntries(Object.entries(measured).map(([page, b]) => [page, b.page.min])),
    notes: [
      `In full (\`node bench/bundle.bench.js\`; vite ${(await import('vite')).version}; kB = 1000 bytes; gzip: zlib level 9; a warning fails the pages of this checkout):`,
      '',
      table,
    ].join('\n'),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundles();

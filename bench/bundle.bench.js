// What a page bundles (vite, minified, for the browser): the package as a consumer installs it
// (node_modules/rmsim → this checkout, so package.json's exports and "sideEffects": false apply).
// Sizes of the JavaScript chunks in kB; the .wasm (emitted beside them as an asset) separately.
// With RMSIM_BASELINE=<another built checkout> the same one-kernel page is bundled from it too
// (importing from 'rmsim', for checkouts older than the rmsim/core entry).

import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { commitOf } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const direct = new Set(Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies));

async function bundle(code, from = root) {
  const dir = mkdtempSync(join(tmpdir(), 'rmsim-bundle-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(from, join(dir, 'node_modules', 'rmsim'), 'dir');
  writeFileSync(join(dir, 'entry.js'), code);
  const out = await build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    build: { write: false, minify: true, target: 'es2022', rollupOptions: { input: join(dir, 'entry.js') } },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  const js = chunks.filter((c) => c.type === 'chunk').reduce((n, c) => n + Buffer.byteLength(c.code), 0);
  const wasm = chunks.filter((c) => c.type === 'asset' && c.fileName.endsWith('.wasm')).reduce((n, c) => n + c.source.length, 0);
  const ids = chunks.flatMap((c) => (c.type === 'chunk' ? c.moduleIds : []));
  const pkgs = new Set(ids.flatMap((id) => /node_modules\/([^/]+)/.exec(id)?.[1] ?? []).filter((p) => direct.has(p)));
  return { js: js / 1000, wasm: wasm / 1000, pkgs: [...pkgs].sort() };
}

const PAGES = {
  'pairwiseAccuracy from rmsim/core':
    "import { init, pairwiseAccuracy } from 'rmsim/core';\nawait init();\nglobalThis.r = pairwiseAccuracy([1], [0], [1], [0], 'half');\n",
  'runStudy from rmsim':
    "import { init, preset, runStudy } from 'rmsim';\nawait init();\nglobalThis.r = await runStudy(preset('quick'));\n",
  'runStudy + buildReport (rmsim, rmsim/report)':
    "import { init, preset, runStudy } from 'rmsim';\nimport { buildReport } from 'rmsim/report';\nawait init();\nconst r = await runStudy(preset('quick'));\nglobalThis.f = await buildReport(r.rows, r.summary);\n",
};

export default async function () {
  const results = {};
  const notes = [];
  for (const [page, code] of Object.entries(PAGES)) {
    const b = await bundle(code);
    results[page] = b.js;
    notes.push(
      `${page}: ${b.js.toFixed(1)} kB JavaScript + ${b.wasm.toFixed(1)} kB .wasm; dependencies bundled: ${b.pkgs.join(', ') || 'none'}`,
    );
    process.stderr.write(`  ${notes[notes.length - 1]}\n`);
  }
  const baseline = process.env.RMSIM_BASELINE;
  if (baseline) {
    const b = await bundle(
      "import { pairwiseAccuracy } from 'rmsim';\nglobalThis.r = pairwiseAccuracy([1], [0], [1], [0], 'half');\n",
      baseline,
    );
    results['baseline: pairwiseAccuracy from rmsim'] = b.js;
    notes.push(
      `baseline (commit ${commitOf(baseline)}), pairwiseAccuracy from rmsim: ${b.js.toFixed(1)} kB JavaScript + ${b.wasm.toFixed(1)} kB .wasm; dependencies bundled: ${b.pkgs.join(', ') || 'none'}`,
    );
  }
  return {
    kernel: 'bundle size',
    unit: 'kB',
    base: 'pairwiseAccuracy from rmsim/core',
    size: 'a page importing the named functions, vite build (minified, es2022), JavaScript chunks only',
    results,
    notes: notes.map((n) => `- ${n}`).join('\n'),
  };
}

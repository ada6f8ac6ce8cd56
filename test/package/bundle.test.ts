/**
 * What a page bundles: the package as a consumer installs it (node_modules/rmsim → this
 * checkout, so package.json's exports and "sideEffects": false apply), bundled by vite for the
 * browser. A page that imports one kernel from rmsim/core must not pull in zod, vega or
 * vega-lite; one that runs a study from rmsim must not pull in vega. Sizes go to bench/RESULTS.md
 * (npm run bench -- bundle); here only what is included is checked.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/folders.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** vite's warnings of the last bundle (e.g. a node: module "externalized for browser compatibility"). */
let warnings: string[] = [];

/** Bundle `code` as a page's module; returns the module ids of its JavaScript chunks. */
async function bundle(code: string): Promise<string[]> {
  warnings = [];
  const logger = createLogger('warn');
  logger.warn = (msg) => void warnings.push(msg);
  logger.warnOnce = logger.warn;
  const dir = tempDir('rmsim-bundle-'); // removed with its link to this checkout (rm does not follow links)
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'rmsim'), 'dir');
  writeFileSync(join(dir, 'entry.js'), code);
  const out = await build({
    root: dir,
    logLevel: 'warn',
    customLogger: logger,
    configFile: false,
    build: { write: false, minify: true, target: 'es2022', rollupOptions: { input: join(dir, 'entry.js') } },
  });
  const outputs = Array.isArray(out) ? out : [out];
  return outputs.flatMap((o) => ('output' in o ? o.output : [])).flatMap((c) => (c.type === 'chunk' ? c.moduleIds : []));
}

const pkgs = (ids: string[]) => new Set(ids.flatMap((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1] ?? []));

describe('bundling rmsim for a page', () => {
  it('one kernel from rmsim/core: the core, no zod, no vega', async () => {
    const ids = await bundle(
      "import { init, pairwiseAccuracy } from 'rmsim/core';\nawait init();\nglobalThis.r = pairwiseAccuracy([1], [0], [1], [0], 'half');\n",
    );
    const used = pkgs(ids);
    expect([...used].filter((p) => ['zod', 'vega', 'vega-lite', 'seedrandom'].includes(p))).toEqual([]);
    expect(ids.some((id) => id.endsWith('dist/core/pairs.js'))).toBe(true);
    expect(ids.some((id) => id.endsWith('dist/core/tilt.js'))).toBe(false);
    expect(warnings).toEqual([]);
    expect(ids.some((id) => id.endsWith('dist/core/wasm-url.browser.js'))).toBe(true); // package.json's "browser" field
    expect(ids.some((id) => id.endsWith('dist/core/wasm-url.js'))).toBe(false);
  });

  it('a study from rmsim: zod, but no vega', async () => {
    const ids = await bundle(
      "import { init, preset, runStudy } from 'rmsim';\nawait init();\nglobalThis.r = await runStudy(preset('quick'));\n",
    );
    const used = pkgs(ids);
    expect(used.has('zod')).toBe(true);
    expect(used.has('vega')).toBe(false);
    expect(used.has('vega-lite')).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('a study in webWorkerPool, and the report: no Node module reached, so vite has nothing to warn about', async () => {
    await bundle(
      "import { init, preset, runStudy, webWorkerPool } from 'rmsim';\nawait init();\nglobalThis.r = await runStudy(preset('quick'), { pool: webWorkerPool(2) });\n",
    );
    expect(warnings).toEqual([]);
    await bundle("import { buildReport } from 'rmsim/report';\nglobalThis.r = buildReport;\n");
    expect(warnings).toEqual([]);
  });
});

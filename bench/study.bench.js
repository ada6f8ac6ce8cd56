// The default study end to end: `rmsim study --preset paper` with 1 and 2 workers, wall time of
// the whole command (median of paired runs), and where one worker's time goes (a V8 CPU profile,
// self time grouped by source file, wasm kernels by name). With RMSIM_BASELINE=<another built
// checkout> the same runs of that checkout alternate with these, so both are measured in one run.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitOf } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.RMSIM_STUDY_REPEATS ?? 3);

/** The bin of a checkout (dist/cli/bin.js, or dist/cli/index.js before the importable CLI). */
function binOf(checkout) {
  const pkg = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));
  return join(checkout, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.rmsim);
}

function runOnce(checkout, workers, extra = []) {
  const out = mkdtempSync(join(tmpdir(), 'rmsim-study-'));
  const t = performance.now();
  execFileSync(
    process.execPath,
    [...extra, binOf(checkout), 'study', '--preset', 'paper', '--workers', String(workers), '--quiet', '--out', join(out, 'run')],
    {
      cwd: out,
      stdio: 'ignore',
    },
  );
  const s = (performance.now() - t) / 1000;
  return { s, out };
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Names of the .wasm's exported functions by function index (from its export section). */
function wasmExportNames() {
  const b = readFileSync(join(root, 'build', 'rmsim.wasm'));
  let p = 8;
  const leb = () => {
    let v = 0;
    let shift = 0;
    let byte;
    do {
      byte = b[p++];
      v |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return v >>> 0;
  };
  const names = new Map();
  let imported = 0;
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 2) {
      // imports: count imported functions (they come first in the function index space)
      for (let n = leb(); n > 0; n--) {
        p += leb();
        p += leb();
        const kind = b[p++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          p++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else p += 2;
      }
    } else if (id === 7) {
      for (let n = leb(); n > 0; n--) {
        const len = leb();
        const name = b.subarray(p, p + len).toString('utf8');
        p += len;
        const kind = b[p++];
        const index = leb();
        if (kind === 0) names.set(index, name);
      }
    }
    p = end;
  }
  return { names, imported };
}

/** Self time of a .cpuprofile by source file (src/… of this checkout, wasm functions by export name). */
function profileTop(dir) {
  const { names } = wasmExportNames();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const byPlace = new Map();
  let total = 0;
  for (const node of prof.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    const { url, functionName } = node.callFrame;
    let place;
    if (url.startsWith('wasm://')) {
      // named by the .wasm's name section (the release build keeps it), else by export index
      const index = /^wasm-function\[(\d+)\]$/.exec(functionName)?.[1];
      place = `wasm ${index === undefined ? functionName.replace(/^\$?(assembly\/)?/, '') : (names.get(Number(index)) ?? `function ${index}`)}`;
    } else if (url.includes('/dist/'))
      place = relative(root, fileURLToPath(url))
        .replace(/^dist\//, 'src/')
        .replace(/\.js$/, '.ts');
    else if (url.includes('node_modules/')) place = `node_modules/${/node_modules\/([^/]+)/.exec(url)[1]}`;
    else
      place =
        functionName === '(garbage collector)'
          ? '(garbage collector)'
          : functionName === '(idle)' || functionName === '(program)'
            ? '(idle/program)'
            : 'node internals';
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const rows = [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const wasm = [...byPlace].filter(([k]) => k.startsWith('wasm ')).reduce((n, [, v]) => n + v, 0);
  return { rows, total, wasm };
}

export default async function () {
  const baseline = process.env.RMSIM_BASELINE;
  const results = {};
  const notes = [];
  for (const workers of [1, 2]) {
    const cur = [];
    const base = [];
    for (let i = 0; i < REPEATS; i++) {
      if (baseline) base.push(runOnce(baseline, workers).s);
      cur.push(runOnce(root, workers).s);
    }
    results[`paper, ${workers} worker${workers > 1 ? 's' : ''}`] = median(cur) * 1000;
    if (baseline) results[`baseline, ${workers} worker${workers > 1 ? 's' : ''}`] = median(base) * 1000;
    process.stderr.write(
      `  ${workers} workers: ${cur.map((s) => s.toFixed(1)).join(', ')} s${baseline ? `; baseline ${base.map((s) => s.toFixed(1)).join(', ')} s` : ''}\n`,
    );
  }
  const profDir = mkdtempSync(join(tmpdir(), 'rmsim-prof-'));
  runOnce(root, 1, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  const p = profileTop(profDir);
  rmSync(profDir, { recursive: true, force: true });
  const pct = (us) => `${((100 * us) / p.total).toFixed(1)}%`;
  notes.push(
    `Wall time of the whole command (study, meta-evaluation, report, files), median of ${REPEATS} paired runs${baseline ? ` alternating with the baseline checkout (commit ${commitOf(baseline)})` : ''}.`,
    '',
    `Where one worker's time goes (V8 CPU profile of one run, self time; wasm kernels together ${pct(p.wasm)}):`,
    '',
    '| where | self time |',
    '| --- | ---: |',
    ...p.rows.map(([k, v]) => `| ${k} | ${pct(v)} |`),
  );
  return {
    kernel: 'study (paper preset)',
    base: 'paper, 1 worker',
    size: 'rmsim study --preset paper (200 proxies × 22 designs × 10 eval draws)',
    results,
    notes: notes.join('\n'),
  };
}

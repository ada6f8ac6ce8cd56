// npm run bench [kernel ...]: run bench/<kernel>.bench.js files and write bench/RESULTS.md.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { init } from '../dist/core/index.js';
import { numpyPython } from './harness.js';

await init();

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.js', '')))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}

const results = [];
for (const f of files) {
  process.stderr.write(`${f}\n`);
  const mod = await import(pathToFileURL(join(here, f)).href);
  const res = await mod.default();
  results.push(...(Array.isArray(res) ? res : [res]));
}

const { wasmHash } = await import('../dist/index.js');
const pkg = JSON.parse((await import('node:fs')).readFileSync(join(here, '..', 'package.json'), 'utf8'));
const py = numpyPython();
const fmt = (ms) => (ms == null ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Medians of wall time in ms`,
  '(benchmark.js, ≥ 5 samples, after a warm-up); ratios are within one run, on the same data.',
  '',
  `- machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- node ${process.version}, rmsim ${pkg.version}, wasm sha256 ${(await wasmHash()).slice(0, 16)}…`,
  `- numpy: ${py ? `${py.numpy} / scipy ${py.scipy} (${py.py})` : 'not present (numpy columns skipped)'}`,
  '',
];
for (const r of results) {
  const labels = Object.keys(r.results);
  const baseLabel = r.base ?? 'wasm';
  const base = r.results[baseLabel];
  const unit = r.unit ?? 'median ms';
  lines.push(`## ${r.kernel}`, '', `Size: ${r.size}`, '', `| variant | ${unit} | ÷ ${baseLabel} |`, '| --- | ---: | ---: |');
  for (const l of labels) {
    const ms = r.results[l];
    lines.push(`| ${l} | ${fmt(ms)} | ${base && ms ? `${(ms / base).toFixed(2)}×` : '–'} |`);
  }
  if (r.notes) lines.push('', r.notes);
  lines.push('');
}
const target = join(here, wanted.length ? `RESULTS.partial.md` : 'RESULTS.md');
writeFileSync(`${target}.tmp`, lines.join('\n'));
renameSync(`${target}.tmp`, target);
process.stderr.write(`wrote ${target}\n`);

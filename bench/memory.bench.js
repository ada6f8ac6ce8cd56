// The memory estimate against what a study really uses: for a few studies, estimateStudy's total
// (what `rmsim study` checks against --max-memory before allocating) and the peak resident memory
// of the whole `rmsim study` process, all threads (getrusage maxRSS, reported at exit). The
// estimate is meant to err high: every ratio peak ÷ estimate below 1.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { estimateStudy, parseStudy, preset } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'dist', 'cli', 'bin.js');
const MiB = 2 ** 20;

const noise = (count) => ({ random: [{ family: 'noise', count, scale: { accuracy: [0.6, 0.9] } }] });
const STUDIES = [
  { label: 'paper preset', config: preset('paper'), workers: [1, 2] },
  {
    label: 'a 5M-response world (20,000 × 256), 6 proxies',
    config: {
      name: 'big-world',
      world: { optPrompts: 20000, poolSize: 256, evalPrompts: 4000, evalPoolSize: 16 },
      population: noise(6),
      designs: [
        { name: 'main', k: 2 },
        { name: 'k8', k: 8 },
      ],
      replicates: 3,
      analysis: { bootstrap: 200 },
    },
    workers: [1, 2],
  },
  {
    label: '5,000 proxies on a small world',
    config: {
      name: 'many-proxies',
      world: { optPrompts: 200, poolSize: 16, evalPrompts: 200, evalPoolSize: 8 },
      population: noise(5000),
      designs: [{ name: 'main', k: 2 }],
      replicates: 3,
      optimizers: { bon: { n: [2, 4, 8, 16] } },
      analysis: { bootstrap: 200 },
    },
    workers: [2],
  },
  {
    label: 'all pairs of 64 responses on 4,096 eval prompts (8M pairs), 11 proxies',
    config: {
      name: 'many-pairs',
      world: { optPrompts: 100, poolSize: 32, evalPrompts: 4096, evalPoolSize: 64 },
      population: noise(11),
      designs: [{ name: 'all-pairs', prompts: 4096, k: 64, pairing: 'all' }],
      replicates: 2,
      optimizers: { bon: { n: [2, 8, 32] }, tilt: { kl: [1], beta: [1] } },
      analysis: { bootstrap: 200 },
    },
    workers: [1, 2],
  },
  {
    label: 'the largest world allowed (262,144 × 256 = 2^26), 2 proxies',
    config: {
      name: 'largest-world',
      world: { optPrompts: 262144, poolSize: 256, evalPrompts: 2000, evalPoolSize: 16 },
      population: noise(2),
      designs: [{ name: 'main', k: 2 }],
      optimizers: { bon: { n: [2, 16] }, tilt: { kl: [1], beta: [1] } },
      analysis: { bootstrap: 200 },
    },
    workers: [1],
  },
];

/** Peak resident memory (bytes) of one `rmsim study` run, and its wall time. */
function peakOf(dir, configPath, workers) {
  const reporter = join(dir, 'peak.mjs');
  writeFileSync(reporter, "process.on('exit', () => process.stderr.write('peak-rss ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(reporter).href,
      BIN,
      'study',
      '--config',
      configPath,
      '--out',
      join(dir, 'run'),
      '--quiet',
      '--workers',
      String(workers),
      '--max-memory',
      '64',
    ],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const s = (performance.now() - t) / 1000;
  const m = /peak-rss (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`rmsim study failed (${r.status}): ${r.stderr}`);
  return { bytes: Number(m[1]) * 1024, s };
}

export default async function () {
  const results = {};
  const rows = [];
  for (const study of STUDIES) {
    const estimate = estimateStudy(parseStudy(study.config));
    for (const workers of study.workers) {
      const dir = mkdtempSync(join(tmpdir(), 'rmsim-memory-'));
      try {
        const configPath = join(dir, 'study.json');
        writeFileSync(configPath, JSON.stringify(study.config));
        const peak = peakOf(dir, configPath, workers);
        const est = estimate.total(workers);
        const label = `${study.label}, ${workers} worker${workers > 1 ? 's' : ''}`;
        results[label] = peak.bytes / MiB;
        rows.push(
          `| ${label} | ${(est / MiB).toFixed(0)} | ${(peak.bytes / MiB).toFixed(0)} | ${(peak.bytes / est).toFixed(2)} | ${peak.s.toFixed(1)} |`,
        );
        process.stderr.write(`  ${label}: estimate ${(est / MiB).toFixed(0)} MiB, peak ${(peak.bytes / MiB).toFixed(0)} MiB\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return {
    kernel: 'memory estimate',
    base: Object.keys(results)[0],
    unit: 'peak MiB',
    size: `rmsim ${version} study runs; peak resident memory of the whole process (all threads) against the estimate checked before allocating`,
    results,
    notes: [
      'The estimate is what `rmsim study` refuses past `--max-memory` (default 4 GiB) and prints with `--dry-run`; it is meant to err high (peak ÷ estimate < 1).',
      '',
      '| study | estimate MiB | peak MiB | peak ÷ estimate | s |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  };
}

// Shared benchmark helpers: timing with the `benchmark` package, saving inputs so numpy times
// the same data, and running the numpy twin of a benchmark.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Benchmark from 'benchmark';

const here = dirname(fileURLToPath(import.meta.url));
export const outDir = join(here, 'out');

/**
 * Median wall time of `fn` in milliseconds over at least `minSamples` samples (benchmark.js).
 * `check(result)` runs on the last result, outside the timed region, and must return true:
 * it keeps the work observable and catches a kernel that silently returns garbage.
 */
export function measure(label, fn, check, { minSamples = 5, maxTime = 3 } = {}) {
  let last;
  fn(); // warm up: first touch of fresh memory and JIT tiers are not what we measure
  const bench = new Benchmark(
    label,
    () => {
      last = fn();
    },
    { minSamples, maxTime, initCount: 1 },
  );
  bench.run({ async: false });
  if (bench.error) throw bench.error;
  if (check && !check(last)) throw new Error(`benchmark ${label}: result check failed`);
  const sample = [...bench.stats.sample].sort((a, b) => a - b);
  const mid = sample.length >> 1;
  const median = sample.length % 2 ? sample[mid] : (sample[mid - 1] + sample[mid]) / 2;
  const ms = median * 1000;
  process.stderr.write(`  ${label}: ${ms.toFixed(2)} ms (median of ${sample.length})\n`);
  return ms;
}

/** Write typed arrays as raw little-endian files plus meta.json under bench/out/<kernel>/. */
export function saveInputs(kernel, arrays, meta = {}) {
  const dir = join(outDir, kernel);
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [name, arr] of Object.entries(arrays)) {
    writeFileSync(join(dir, `${name}.bin`), new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    files[name] = { dtype: arr instanceof Float64Array ? 'f8' : arr instanceof Int32Array ? 'i4' : 'u1', length: arr.length };
  }
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...meta, files }, null, 2));
  return dir;
}

let pythonChecked;
/** The interpreter with numpy, or null: /usr/bin/python3 (Debian's numpy) first, then python3. */
export function numpyPython() {
  if (pythonChecked !== undefined) return pythonChecked;
  pythonChecked = null;
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (py.startsWith('/') && !existsSync(py)) continue;
    try {
      const v = execFileSync(py, ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'], // a Python without numpy is expected: try the next
      }).trim();
      pythonChecked = { py, numpy: v.split(' ')[0], scipy: v.split(' ')[1] };
      break;
    } catch {
      /* try the next one */
    }
  }
  return pythonChecked;
}

/**
 * Run bench/<script> on bench/out/<kernel> and return its stdout JSON ({label: medianMs}),
 * or null (with a message) when no Python with numpy and scipy is present.
 */
export function runNumpy(script, kernel) {
  const found = numpyPython();
  if (!found) {
    process.stderr.write(`  numpy: skipped (no python3 with numpy and scipy; apt-get install python3-numpy python3-scipy)\n`);
    return null;
  }
  const out = execFileSync(found.py, [join(here, script), join(outDir, kernel)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    // OpenBLAS overrides set for old CPUs only slow numpy's own kernels here (TOOLCHAIN.md).
    env: { ...process.env, OPENBLAS_CORETYPE: '', OPENBLAS_L2_SIZE: '' },
  });
  const res = JSON.parse(out.trim().split('\n').pop());
  for (const [k, v] of Object.entries(res)) process.stderr.write(`  ${k}: ${Number(v).toFixed(2)} ms (numpy)\n`);
  return res;
}

/** The short commit of a checkout, or its path when it is not a git checkout. */
export function commitOf(checkout) {
  try {
    return execFileSync('git', ['-C', checkout, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return checkout;
  }
}

// Stable argsort of f64 keys: 1e7 keys in one call, and 1000 groups × 1000 keys sorted group by
// group (what the best-of-n kernels do per prompt). WASM (LSD radix) vs the TypeScript reference
// (Array.prototype.sort, stable) vs numpy's argsort(kind='stable') on the same saved keys.

import { allocF64, allocI32, argsort, normal, Stream, scoped } from '../dist/core/index.js';
import { alloc } from '../dist/core/memory.js';
import { argsortRef } from '../dist/core/sort.ref.js';
import { core } from '../dist/core/wasm.js';
import { measure, runNumpy, saveInputs } from './harness.js';

const argsortF64 = (...args) => core().argsort_f64(...args);
const scratchBytes = (n) => core().argsortScratchBytes(n);

/** idx sorts keys ascending (spot check of 10k positions) and is a permutation at those points. */
function sortedCheck(keys, idx) {
  if (idx.length !== keys.length) return false;
  const step = Math.max(1, Math.floor(idx.length / 10000));
  for (let i = step; i < idx.length; i += step) if (keys[idx[i - step]] > keys[idx[i]]) return false;
  return true;
}

function big() {
  const n = 10_000_000;
  const keys = normal(Stream.from(2024, 'bench', 'argsort'), n);
  saveInputs('argsort', { keys }, { n });
  const results = {};
  scoped(() => {
    const k = allocF64(n);
    k.view().set(keys);
    const idx = allocI32(n);
    const scratch = alloc(scratchBytes(n));
    results.wasm = measure(
      'wasm kernel (resident keys)',
      () => {
        argsortF64(k.ptr, n, idx.ptr, scratch);
        return idx;
      },
      (r) => sortedCheck(keys, r.view()),
    );
    results['wasm argsort() (validate, copy out)'] = measure(
      'wasm argsort()',
      () => argsort(k),
      (r) => sortedCheck(keys, r),
    );
  });
  results['ts reference'] = measure(
    'ts reference',
    () => argsortRef(keys),
    (r) => sortedCheck(keys, r),
    { minSamples: 3, maxTime: 1 },
  );
  const np = runNumpy('sort_numpy.py', 'argsort');
  if (np) Object.assign(results, np);
  return {
    kernel: 'argsort (stable), 1e7 keys',
    size: '1e7 standard normal f64 keys',
    results,
    notes:
      'wasm: LSD radix sort, 8-bit digits (passes where every key shares the digit are skipped), on the order-preserving u64 transform of the keys. numpy: np.argsort(keys, kind="stable") (radix sort only for ≤16-bit ints; timsort/mergesort for f64).',
  };
}

function grouped() {
  const G = 1000,
    K = 1000,
    n = G * K;
  const keys = normal(Stream.from(2024, 'bench', 'argsort-groups'), n);
  saveInputs('argsort_groups', { keys }, { G, K });
  const results = {};
  const check = (idx) => {
    for (let g = 0; g < G; g += 97) {
      for (let i = 1; i < K; i++) if (keys[g * K + idx[g * K + i - 1]] > keys[g * K + idx[g * K + i]]) return false;
    }
    return true;
  };
  scoped(() => {
    const k = allocF64(n);
    k.view().set(keys);
    const idx = allocI32(n);
    const scratch = alloc(scratchBytes(K));
    results.wasm = measure(
      'wasm kernel per group',
      () => {
        for (let g = 0; g < G; g++) argsortF64(k.ptr + g * K * 8, K, idx.ptr + g * K * 4, scratch);
        return idx;
      },
      (r) => check(r.view()),
    );
  });
  results['ts reference'] = measure(
    'ts reference per group',
    () => {
      const out = new Int32Array(n);
      for (let g = 0; g < G; g++) out.set(argsortRef(keys.subarray(g * K, (g + 1) * K)), g * K);
      return out;
    },
    check,
  );
  const np = runNumpy('sort_numpy.py', 'argsort_groups');
  if (np) Object.assign(results, np);
  return {
    kernel: 'argsort (stable), per group',
    size: '1000 groups × 1000 keys, one call per group',
    results,
    notes:
      'wasm: argsortInto once per group on resident data (as the best-of-n kernels call it). numpy: one np.argsort(x.reshape(1000, 1000), axis=1, kind="stable") call.',
  };
}

export default async function () {
  return [big(), grouped()];
}

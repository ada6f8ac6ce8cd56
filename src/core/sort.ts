/** Stable argsort of f64 keys in the wasm core (LSD radix sort on the key bits, assembly/sort.ts). */
import { invalid } from '../errors.js';
import { alloc, allocI32, type F64Input, inputF64, requireFinite, scoped } from './memory.js';
import { core } from './wasm.js';

/** Indices that sort `keys` ascending; equal keys keep their input order (stable). NaN is rejected. */
export function argsort(keys: F64Input): Int32Array {
  const n = keys.length;
  if (n > 2 ** 30) invalid('keys', `too long (${n})`);
  return scoped(() => {
    const k = inputF64(keys);
    requireFinite(k, 'keys');
    const idx = allocI32(n);
    core().argsort_f64(k.ptr, n, idx.ptr, alloc(core().argsortScratchBytes(n)));
    return idx.toArray();
  });
}

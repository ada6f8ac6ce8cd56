/** Stable argsort of f64 keys in the wasm core (LSD radix sort on the key bits, assembly/sort.ts). */
import { invalid } from '../errors.js';
import { alloc, allocI32, type F64Input, f64Length, inputF64, inputI32, requireFinite, scoped, WasmF64, WasmI32 } from './memory.js';
import { checkOffsets } from './offsets.js';
import { core } from './wasm.js';

/** Indices that sort `keys` ascending; equal keys keep their input order (stable). NaN is rejected. */
export function argsort(keys: F64Input): Int32Array {
  const n = f64Length(keys, 'keys');
  if (n > 2 ** 30) invalid('keys', `too long (${n})`);
  return scoped(() => {
    const k = inputF64(keys, 'keys');
    requireFinite(k, 'keys');
    const idx = allocI32(n);
    core().argsort_f64(k.ptr, n, idx.ptr, alloc(core().argsortScratchBytes(n)));
    return idx.toArray();
  });
}

/**
 * The stable ascending order of resident `keys` within each group of `offsets`: idx[offsets[g] + r]
 * is the local index of group g's r-th smallest key. Made once and passed to kernels that would
 * otherwise sort the same keys again (`bonExact` with both estimators); a kernel accepts it only
 * with the very buffers it was made from.
 */
export class GroupOrder {
  /** @internal use argsortWithinGroups (an order made any other way is refused by the kernels) */
  constructor(
    readonly keys: WasmF64,
    readonly offsets: WasmI32,
    readonly idx: WasmI32,
  ) {}
}

const madeOrders = new WeakSet<GroupOrder>();

/**
 * Throw INVALID_ARGUMENT naming `order` unless it was made by argsortWithinGroups from exactly
 * these `keys` and `offsets` buffers, and still sorts them: every index in its group's range and
 * the keys non-decreasing along it (so keys rewritten since are caught). O(n) reads.
 */
export function checkGroupOrder(order: GroupOrder, keys: unknown, offsets: unknown): void {
  if (!(order instanceof GroupOrder && madeOrders.has(order) && order.keys === keys && order.offsets === offsets)) {
    invalid('order', 'was not made by argsortWithinGroups from these pools.proxy and pools.offsets buffers');
  }
  const k = order.keys.view();
  const off = order.offsets.view();
  const idx = inputI32(order.idx, 'order').view();
  for (let g = 0; g + 1 < off.length; g++) {
    const o = off[g];
    const K = off[g + 1] - o;
    let prev = -Infinity;
    for (let r = 0; r < K; r++) {
      const j = idx[o + r];
      if (!(j >= 0 && j < K) || !(k[o + j] >= prev)) {
        invalid('order', `no longer sorts group ${g} (its keys were written after argsortWithinGroups); sort again`);
      }
      prev = k[o + j];
    }
  }
}

/** Sort resident `keys` within each group (stable, LSD radix per group); the order lives in the caller's arena scope. */
export function argsortWithinGroups(keys: WasmF64, offsets: WasmI32): GroupOrder {
  if (!(keys instanceof WasmF64) || !(offsets instanceof WasmI32))
    invalid('keys', 'must be resident buffers (WasmF64 keys, WasmI32 offsets)');
  const maxK = checkOffsets(offsets, keys.length, { minSize: 0, minGroups: 0, what: 'keys' }).maxSize;
  inputF64(keys, 'keys');
  requireFinite(keys, 'keys');
  const idx = allocI32(keys.length);
  scoped(() => core().argsort_groups(keys.ptr, offsets.ptr, offsets.length - 1, idx.ptr, alloc(core().argsortScratchBytes(maxK))));
  const order = new GroupOrder(keys, offsets, idx);
  madeOrders.add(order);
  return order;
}

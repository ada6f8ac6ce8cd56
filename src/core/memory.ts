/**
 * Ownership of the core's linear memory: a bump arena above the module's static data.
 *
 * The host writes inputs straight into linear memory and kernels read them by pointer: no
 * per-call copying glue. Kernels never allocate; every buffer, including scratch, comes from
 * here. `scoped(fn)` releases what `fn` allocated, even when it throws.
 *
 * Growing memory detaches every typed-array view over the old buffer, so views are never
 * cached across an allocation: `WasmF64.view()` derives a fresh one each call.
 */
import { invalid, RmsimError } from '../errors.js';
import { wasm } from './wasm.js';

const PAGE = 65536;
const ALIGN = 16;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;
const heapStart = align(wasm.heapBase());
let top = heapStart;

/** Reserve `bytes` (16-byte aligned) and return the pointer; grows memory when needed. */
export function alloc(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 0) invalid('bytes', `must be a non-negative integer, got ${bytes}`);
  const ptr = top;
  const end = ptr + align(bytes);
  const have = wasm.memory.buffer.byteLength;
  if (end > have) {
    const pages = Math.ceil((end - have) / PAGE);
    try {
      wasm.memory.grow(Math.max(pages, Math.min(have / PAGE, 4096)));
    } catch {
      try {
        wasm.memory.grow(pages);
      } catch {
        throw new RmsimError('OUT_OF_MEMORY', `cannot grow wasm memory to ${(end / 2 ** 20).toFixed(0)} MiB`);
      }
    }
  }
  top = end;
  return ptr;
}

/** Current top of the arena; pass it to `release` to free everything allocated after it. */
export function mark(): number {
  return top;
}

/** Free everything allocated after `m` (a value from `mark()`). */
export function release(m: number): void {
  if (m < heapStart || m > top) invalid('mark', `not a live arena mark: ${m}`);
  top = m;
}

/** Free the whole arena (every resident buffer becomes invalid). */
export function resetMemory(): void {
  top = heapStart;
}

/** Bytes in use by the arena. */
export function memoryInUse(): number {
  return top - heapStart;
}

/** Run `fn`, then free what it allocated (also when it throws). Results must be copied out. */
export function scoped<T>(fn: () => T): T {
  const m = top;
  try {
    return fn();
  } finally {
    top = m;
  }
}

/** An f64 array resident in wasm memory. Valid until the arena is released below `ptr`. */
export class WasmF64 {
  constructor(
    readonly ptr: number,
    readonly length: number,
  ) {}
  /** A fresh view (never keep it across an allocation). */
  view(): Float64Array {
    return new Float64Array(wasm.memory.buffer, this.ptr, this.length);
  }
  /** A copy owned by JavaScript. */
  toArray(): Float64Array {
    return this.view().slice();
  }
}

/** An i32 array resident in wasm memory. Valid until the arena is released below `ptr`. */
export class WasmI32 {
  constructor(
    readonly ptr: number,
    readonly length: number,
  ) {}
  view(): Int32Array {
    return new Int32Array(wasm.memory.buffer, this.ptr, this.length);
  }
  toArray(): Int32Array {
    return this.view().slice();
  }
}

export function allocF64(n: number): WasmF64 {
  return new WasmF64(alloc(n * 8), n);
}

export function allocI32(n: number): WasmI32 {
  return new WasmI32(alloc(n * 4), n);
}

/** Copy `src` into a new resident buffer. */
export function putF64(src: ArrayLike<number>): WasmF64 {
  const buf = allocF64(src.length);
  buf.view().set(src);
  return buf;
}

export function putI32(src: ArrayLike<number>): WasmI32 {
  const buf = allocI32(src.length);
  buf.view().set(src);
  return buf;
}

/** What kernels accept for f64 data: JS arrays (copied in) or resident buffers (used in place). */
export type F64Input = Float64Array | readonly number[] | WasmF64;
export type I32Input = Int32Array | readonly number[] | WasmI32;

/** A resident buffer must lie inside the live arena (not released, not made up). */
function requireLive(buf: WasmF64 | WasmI32, bytes: number): void {
  if (!(buf.ptr >= heapStart && buf.ptr + bytes <= top)) {
    invalid(
      'buffer',
      `resident buffer at ${buf.ptr} (${bytes} bytes) is not in live wasm memory: it was released, or not made by allocF64/allocI32`,
    );
  }
}

export function inputF64(x: F64Input): WasmF64 {
  if (x instanceof WasmF64) {
    requireLive(x, x.length * 8);
    return x;
  }
  return putF64(x);
}

export function inputI32(x: I32Input): WasmI32 {
  if (x instanceof WasmI32) {
    requireLive(x, x.length * 4);
    return x;
  }
  return putI32(x);
}

const findNonFinite = wasm.find_nonfinite as (ptr: number, n: number) => number;

/** Throw INVALID_ARGUMENT naming `name` and the index if any element is NaN or ±Inf. */
export function requireFinite(buf: WasmF64, name: string): void {
  const i = findNonFinite(buf.ptr, buf.length);
  if (i >= 0) invalid(name, `element ${i} is ${buf.view()[i]}; values must be finite`);
}

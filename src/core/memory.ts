/**
 * Ownership of the core's linear memory: a bump arena above the module's static data.
 *
 * The host writes inputs straight into linear memory and kernels read them by pointer: no
 * per-call copying glue. Kernels never allocate; every buffer, including scratch, comes from
 * here. `scoped(fn)` releases what `fn` allocated, even when it throws. Long-lived data (a
 * world's pools, placed once and read by every proxy) is allocated outside any scope.
 *
 * Every allocation gets a serial number, and a resident buffer (`WasmF64`, `WasmI32`) carries
 * the serial of its allocation: a buffer whose memory was released is rejected by every kernel,
 * even after its address has been handed out again.
 *
 * Growing memory detaches every typed-array view over the old buffer, so views are never
 * cached across an allocation: `WasmF64.view()` derives a fresh one each call.
 */
import { invalid, RmsimError } from '../errors.js';
import { type CoreExports, core } from './wasm.js';

const PAGE = 65536;
const ALIGN = 16;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** The arena of one loaded core: its start, top, and the stack of live allocations. */
interface Arena {
  exports: CoreExports;
  start: number;
  top: number;
  /** live allocations, oldest first: start (non-decreasing), end and serial of each */
  ptrs: number[];
  ends: number[];
  serials: number[];
  nextSerial: number;
  /** scopes open now (resetMemory is refused inside one) */
  depth: number;
}

let arenaState: Arena | null = null;

function arena(): Arena {
  const exports = core();
  if (arenaState === null || arenaState.exports !== exports) {
    const start = align(exports.heapBase());
    arenaState = { exports, start, top: start, ptrs: [], ends: [], serials: [], nextSerial: 1, depth: 0 };
  }
  return arenaState;
}

/** A reservation of `bytes` (16-byte aligned): its pointer and serial. Grows memory when needed. */
function reserve(bytes: number): { ptr: number; serial: number } {
  if (!Number.isInteger(bytes) || bytes < 0) invalid('bytes', `must be a non-negative integer, got ${String(bytes)}`);
  const a = arena();
  const ptr = a.top;
  const end = ptr + align(bytes);
  const memory = a.exports.memory;
  const have = memory.buffer.byteLength;
  if (end > have) {
    const pages = Math.ceil((end - have) / PAGE);
    try {
      memory.grow(Math.max(pages, Math.min(have / PAGE, 4096)));
    } catch {
      try {
        memory.grow(pages);
      } catch {
        throw new RmsimError('OUT_OF_MEMORY', `cannot grow wasm memory to ${(end / 2 ** 20).toFixed(0)} MiB`);
      }
    }
  }
  a.top = end;
  const serial = a.nextSerial++;
  a.ptrs.push(ptr);
  a.ends.push(ptr + bytes);
  a.serials.push(serial);
  return { ptr, serial };
}

/** Reserve `bytes` of scratch and return the pointer (internal: kernels' wrappers only). */
export function alloc(bytes: number): number {
  return reserve(bytes).ptr;
}

/** A point in the arena to release back to. */
interface Mark {
  top: number;
  live: number;
}

function mark(): Mark {
  const a = arena();
  return { top: a.top, live: a.ptrs.length };
}

function release(m: Mark): void {
  const a = arena();
  a.top = m.top;
  a.ptrs.length = m.live;
  a.ends.length = m.live;
  a.serials.length = m.live;
}

/**
 * Free the whole arena: every resident buffer becomes invalid (and is rejected if used). Refused
 * inside `scoped`, whose end would then restore a state that no longer exists.
 */
export function resetMemory(): void {
  const a = arena();
  if (a.depth > 0) invalid('resetMemory', `cannot reset the arena inside scoped() (${a.depth} open): let the scopes end first`);
  release({ top: a.start, live: 0 });
}

/** Bytes in use by the arena. */
export function memoryInUse(): number {
  const a = arena();
  return a.top - a.start;
}

/** Run `fn`, then free what it allocated (also when it throws). Results must be copied out. */
export function scoped<T>(fn: () => T): T {
  if (typeof fn !== 'function') invalid('fn', `must be a function, got ${describe(fn)}`);
  const a = arena();
  const m = mark();
  a.depth++;
  try {
    return fn();
  } finally {
    a.depth--;
    release(m);
  }
}

/** The end of the live allocation (ptr, serial), or −1 when it is not live. */
function liveEnd(ptr: number, serial: number): number {
  const { ptrs, ends, serials } = arena();
  let lo = 0;
  let hi = ptrs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ptrs[mid] < ptr) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ptrs.length && ptrs[i] === ptr; i++) if (serials[i] === serial) return ends[i];
  return -1;
}

/** Elements [begin, end) of a buffer of `length` (negative indices count from the end, as for typed arrays). */
function range(length: number, begin: number, end: number): [number, number] {
  const at = (i: number) => Math.min(length, Math.max(0, i < 0 ? length + i : i));
  const b = at(Math.trunc(begin));
  return [b, Math.max(b, at(Math.trunc(end)))];
}

/**
 * An f64 array resident in wasm memory, valid until the scope that allocated it ends. `serial`
 * and `origin` name the allocation it lies in (a subarray shares its parent's).
 */
export class WasmF64 {
  /** @internal use allocF64 / putF64 / subarray */
  constructor(
    readonly ptr: number,
    readonly length: number,
    readonly serial: number,
    readonly origin = ptr,
  ) {}
  /** A fresh view (never keep it across an allocation). */
  view(): Float64Array {
    requireLive(this, 'buffer');
    return new Float64Array(arena().exports.memory.buffer, this.ptr, this.length);
  }
  /** A copy owned by JavaScript. */
  toArray(): Float64Array {
    return this.view().slice();
  }
  /** Elements [begin, end) as a resident buffer over the same memory (no copy). */
  subarray(begin = 0, end = this.length): WasmF64 {
    const [b, e] = range(this.length, begin, end);
    return new WasmF64(this.ptr + 8 * b, e - b, this.serial, this.origin);
  }
}

/** An i32 array resident in wasm memory, valid until the scope that allocated it ends. */
export class WasmI32 {
  /** @internal use allocI32 / putI32 / subarray */
  constructor(
    readonly ptr: number,
    readonly length: number,
    readonly serial: number,
    readonly origin = ptr,
  ) {}
  view(): Int32Array {
    requireLive(this, 'buffer');
    return new Int32Array(arena().exports.memory.buffer, this.ptr, this.length);
  }
  toArray(): Int32Array {
    return this.view().slice();
  }
  /** Elements [begin, end) as a resident buffer over the same memory (no copy). */
  subarray(begin = 0, end = this.length): WasmI32 {
    const [b, e] = range(this.length, begin, end);
    return new WasmI32(this.ptr + 4 * b, e - b, this.serial, this.origin);
  }
}

function requireLength(n: number, name = 'n'): void {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) invalid(name, `must be an integer in [0, 2^31), got ${String(n)}`);
}

export function allocF64(n: number): WasmF64 {
  requireLength(n);
  const { ptr, serial } = reserve(n * 8);
  return new WasmF64(ptr, n, serial);
}

export function allocI32(n: number): WasmI32 {
  requireLength(n);
  const { ptr, serial } = reserve(n * 4);
  return new WasmI32(ptr, n, serial);
}

/** Copy `src` (an array of numbers) into a new resident buffer. */
export function putF64(src: ArrayLike<number>): WasmF64 {
  const buf = allocF64(arrayLength(src, 'src', 'WasmF64'));
  buf.view().set(src);
  return buf;
}

/** Copy `src` (int32 values: integers in [−2^31, 2^31)) into a new resident buffer. */
export function putI32(src: ArrayLike<number>, name = 'src'): WasmI32 {
  const n = arrayLength(src, name, 'WasmI32');
  if (!(src instanceof Int32Array)) {
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) invalid(name, `element ${i} is ${v}; values must be int32 integers`);
    }
  }
  const buf = allocI32(n);
  buf.view().set(src);
  return buf;
}

/** What kernels accept for f64 data: JS arrays (copied in) or resident buffers (used in place). */
export type F64Input = Float64Array | readonly number[] | WasmF64;
export type I32Input = Int32Array | readonly number[] | WasmI32;

/** How a value that is not an array of numbers reads in a message. */
function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x !== 'object') return `${typeof x} ${String(x).slice(0, 40)}`;
  return `a ${(x as object).constructor?.name ?? 'object'}`;
}

/**
 * The length of `x`, which must be an array of numbers (a plain array or a numeric typed array);
 * otherwise INVALID_ARGUMENT naming `name`. `resident` names the buffer type the caller also
 * accepts, for the message (internal).
 */
export function arrayLength(x: unknown, name: string, resident?: string): number {
  const numeric =
    Array.isArray(x) ||
    (ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array));
  if (!numeric) invalid(name, `must be an array of numbers${resident ? ` or a ${resident}` : ''}, got ${String(describe(x))}`);
  const n = (x as ArrayLike<number>).length;
  requireLength(n, name);
  if (Array.isArray(x)) {
    for (let i = 0; i < n; i++) if (typeof x[i] !== 'number') invalid(name, `element ${i} is ${describe(x[i])}, not a number`);
  }
  return n;
}

/** Throw INVALID_ARGUMENT naming `name` unless `x` is an object (an options or pools argument) (internal). */
export function requireObject(x: unknown, name: string): void {
  if (x === null || typeof x !== 'object') invalid(name, `must be an object, got ${String(describe(x))}`);
}

/** A resident buffer must lie inside a live allocation: not released, not made up. */
function requireLive(buf: WasmF64 | WasmI32, name: string): void {
  const valid = Number.isInteger(buf.length) && buf.length >= 0 && Number.isInteger(buf.ptr);
  const end = valid ? liveEnd(buf.origin, buf.serial) : -1;
  if (!(end >= 0 && buf.ptr >= buf.origin && buf.ptr + buf.length * (buf instanceof WasmF64 ? 8 : 4) <= end)) {
    invalid(
      name,
      `resident buffer at ${String(buf.ptr)} (${String(buf.length)} values) is not live wasm memory: the scope that allocated it has ended, or it was not made by allocF64/allocI32`,
    );
  }
}

/** The length of an f64 input (checked: an array of numbers, or a live WasmF64), naming `name` (internal). */
export function f64Length(x: F64Input, name: string): number {
  if (x instanceof WasmF64) {
    requireLive(x, name);
    return x.length;
  }
  return arrayLength(x, name, 'WasmF64');
}

/** The length of an i32 input (checked: an array of numbers, or a live WasmI32), naming `name` (internal). */
export function i32Length(x: I32Input, name: string): number {
  if (x instanceof WasmI32) {
    requireLive(x, name);
    return x.length;
  }
  return arrayLength(x, name, 'WasmI32');
}

/** A resident buffer as it is (checked live), or an array copied into a new one (internal). */
export function inputF64(x: F64Input, name = 'buffer'): WasmF64 {
  if (x instanceof WasmF64) {
    requireLive(x, name);
    return x;
  }
  const buf = allocF64(arrayLength(x, name, 'WasmF64'));
  buf.view().set(x);
  return buf;
}

/** Like inputF64; an array's values must be int32 integers (never truncated). */
export function inputI32(x: I32Input, name = 'buffer'): WasmI32 {
  if (x instanceof WasmI32) {
    requireLive(x, name);
    return x;
  }
  return putI32(x, name);
}

/** Throw INVALID_ARGUMENT naming `name` and the index if any element is NaN or ±Inf (internal). */
export function requireFinite(buf: WasmF64, name: string): void {
  const i = core().find_nonfinite(buf.ptr, buf.length);
  if (i >= 0) invalid(name, `element ${i} is ${buf.view()[i]}; values must be finite`);
}

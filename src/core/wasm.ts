/**
 * The one module that loads rmsim.wasm, and the declaration of everything it exports.
 *
 * Nothing happens on import: `await init()` compiles and instantiates the core once (later calls
 * return the same promise). By default the .wasm is read from disk in Node and fetched in a
 * browser, from `build/rmsim.wasm` beside the package; a bundler or page may pass the bytes, a
 * compiled module, or a URL instead. Loading checks that every export declared in `KERNELS`
 * exists with the declared number of parameters, so a stale or foreign .wasm fails at `init()`
 * with one message, not later with a trap. Every other module reaches the kernels through
 * `core()`, typed by `CoreExports`.
 */
import { RmsimError } from '../errors.js';
import { readWasmUrl } from './wasm-url.js';

/** A byte offset into the core's linear memory. */
export type Ptr = number;

/** Every function rmsim.wasm exports (assembly/index.ts), with its signature. */
export interface Kernels {
  /** first byte above static data: where the host's arena starts */
  heapBase(): Ptr;
  find_nonfinite(ptr: Ptr, n: number): number;
  rng_uniform(state: Ptr, out: Ptr, n: number): void;
  rng_u64(state: Ptr, out: Ptr, n: number): void;
  rng_normal(state: Ptr, out: Ptr, n: number): void;
  rng_student_t(state: Ptr, out: Ptr, n: number, nu: number): void;
  rng_laplace(state: Ptr, out: Ptr, n: number, b: number): void;
  rng_sample_groups(state: Ptr, offsets: Ptr, ks: Ptr, groups: number, out: Ptr): void;
  logFdlibm(x: number): number;
  expm1Fdlibm(x: number): number;
  argsort_f64(keys: Ptr, n: number, idx: Ptr, scratch: Ptr): void;
  argsortScratchBytes(n: number): number;
  argsort_groups(keys: Ptr, offsets: Ptr, G: number, idx: Ptr, scratch: Ptr): void;
  pair_counts_simd(ga: Ptr, gb: Ptr, pa: Ptr, pb: Ptr, m: number, out: Ptr): void;
  pair_counts_scalar(ga: Ptr, gb: Ptr, pa: Ptr, pb: Ptr, m: number, out: Ptr): void;
  sum4_f64(a: Ptr, b: Ptr, c: Ptr, d: Ptr, m: number): number;
  rank_stats(x: Ptr, y: Ptr, offsets: Ptr, G: number, out: Ptr, scratch: Ptr): void;
  rankScratchBytes(kmax: number): number;
  bon_exact(
    P: number,
    offsets: Ptr,
    gold: Ptr,
    proxy: Ptr,
    logPi0: Ptr,
    order: Ptr,
    ns: Ptr,
    nCount: number,
    withReplacement: number,
    outGold: Ptr,
    outProxy: Ptr,
    outKL: Ptr,
    scratch: Ptr,
  ): void;
  bonExactScratchBytes(kMax: number, nCount: number): number;
  bon_mc(
    P: number,
    offsets: Ptr,
    gold: Ptr,
    proxy: Ptr,
    ns: Ptr,
    nCount: number,
    trials: number,
    state: Ptr,
    outGoldMean: Ptr,
    outGoldSE: Ptr,
    outProxyMean: Ptr,
    outProxySE: Ptr,
  ): void;
  tilt_sweep(
    offsets: Ptr,
    P: number,
    logPi0: Ptr,
    proxy: Ptr,
    gold: Ptr,
    betas: Ptr,
    B: number,
    outGold: Ptr,
    outProxy: Ptr,
    outKL: Ptr,
    meanGold: Ptr,
    meanProxy: Ptr,
    meanKL: Ptr,
    baseGold: Ptr,
    baseProxy: Ptr,
    maxKL: Ptr,
    scratch: Ptr,
    simd: number,
  ): number;
  tiltScratchBytes(maxK: number): number;
  exp_f64_array(src: Ptr, n: number, dst: Ptr, simd: number): void;
  expm1_small_array(src: Ptr, n: number, dst: Ptr, simd: number): void;
  log_gamma_array(src: Ptr, n: number, dst: Ptr): void;
  bt_eval(diffs: Ptr, y: Ptr, n: number, d: number, w: Ptr, lambda: number, grad: Ptr, hess: Ptr, simd: number): number;
  bt_train(
    diffs: Ptr,
    y: Ptr,
    n: number,
    d: number,
    lambda: number,
    maxIter: number,
    tol: number,
    w: Ptr,
    scratch: Ptr,
    out: Ptr,
    simd: number,
  ): void;
  btTrainScratchBytes(d: number): number;
  bt_diffs(features: Ptr, rows: number, d: number, a: Ptr, b: Ptr, n: number, out: Ptr): number;
}

/** The exports: the kernels and the linear memory. */
export type CoreExports = Kernels & { memory: WebAssembly.Memory };

/** Parameter count of every kernel, checked against the loaded module's exports (and by tsc against `Kernels`). */
const KERNELS: { readonly [K in keyof Kernels]: Parameters<Kernels[K]>['length'] } = {
  heapBase: 0,
  find_nonfinite: 2,
  rng_uniform: 3,
  rng_u64: 3,
  rng_normal: 3,
  rng_student_t: 4,
  rng_laplace: 4,
  rng_sample_groups: 5,
  logFdlibm: 1,
  expm1Fdlibm: 1,
  argsort_f64: 4,
  argsortScratchBytes: 1,
  argsort_groups: 5,
  pair_counts_simd: 6,
  pair_counts_scalar: 6,
  sum4_f64: 5,
  rank_stats: 6,
  rankScratchBytes: 1,
  bon_exact: 13,
  bonExactScratchBytes: 2,
  bon_mc: 12,
  tilt_sweep: 18,
  tiltScratchBytes: 1,
  exp_f64_array: 4,
  expm1_small_array: 4,
  log_gamma_array: 3,
  bt_eval: 9,
  bt_train: 11,
  btTrainScratchBytes: 1,
  bt_diffs: 7,
};

/** Where the .wasm comes from: its bytes, a compiled module, or a URL (string or URL) to read or fetch. */
export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

interface Loaded {
  exports: CoreExports;
  /** the compiled module (worker threads instantiate the same one) */
  module: WebAssembly.Module;
  /** SHA-256 of the bytes, or null when `init` was given a compiled module */
  hash: string | null;
}

let loaded: Loaded | null = null;
let loading: Promise<void> | null = null;

/** The default .wasm: `build/rmsim.wasm` two levels above this file (src/core/ and dist/core/ alike). */
function defaultUrl(): URL {
  return new URL('../../build/rmsim.wasm', import.meta.url);
}

/** Decode an AssemblyScript string (UTF-16LE, byte length stored 4 bytes before it). */
function readAsString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (!memory || ptr === 0) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

async function sha256(bytes: BufferSource): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Check that `exports` has every kernel with its declared parameter count, and a memory. */
function checkExports(exports: WebAssembly.Exports): CoreExports {
  if (!(exports.memory instanceof WebAssembly.Memory)) throw new RmsimError('WASM_LOAD', 'the .wasm exports no memory');
  for (const [name, arity] of Object.entries(KERNELS)) {
    const fn = exports[name];
    if (typeof fn !== 'function') {
      throw new RmsimError(
        'WASM_LOAD',
        `the .wasm has no export '${name}': it is not the core this rmsim expects (rebuild with npm run build)`,
      );
    }
    if (fn.length !== arity) {
      throw new RmsimError(
        'WASM_LOAD',
        `the .wasm export '${name}' takes ${fn.length} parameters, rmsim expects ${arity} (rebuild with npm run build)`,
      );
    }
  }
  return exports as unknown as CoreExports;
}

async function load(source: WasmSource | undefined): Promise<Loaded> {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    env: {
      abort(msg: number, file: number, line: number, col: number): never {
        throw new RmsimError(
          'WASM_ABORT',
          `wasm core aborted: ${readAsString(memory, msg)} (${readAsString(memory, file)}:${line}:${col})`,
        );
      },
    },
  };
  let module: WebAssembly.Module;
  let hash: string | null = null;
  if (source instanceof WebAssembly.Module) {
    module = source;
  } else {
    const bytes =
      source === undefined || typeof source === 'string' || source instanceof URL
        ? await readWasmUrl(source === undefined ? defaultUrl() : new URL(source, import.meta.url))
        : source;
    hash = await sha256(bytes);
    try {
      module = await WebAssembly.compile(bytes);
    } catch (err) {
      throw new RmsimError('WASM_LOAD', `the .wasm does not compile (${(err as Error).message})`, { cause: err });
    }
  }
  const instance = await WebAssembly.instantiate(module, imports);
  const exports = checkExports(instance.exports);
  memory = exports.memory;
  return { exports, module, hash };
}

/**
 * Load the core (once; later calls return the same promise, whatever they pass). `source`: the
 * .wasm bytes, a compiled `WebAssembly.Module`, or a URL to read (file:) or fetch; default
 * `build/rmsim.wasm` of this package. Every entry point's API needs it done first.
 */
export function init(source?: WasmSource): Promise<void> {
  loading ??= load(source).then(
    (l) => {
      loaded = l;
    },
    (err) => {
      loading = null; // a failed load may be retried (e.g. after `npm run build`)
      throw err;
    },
  );
  return loading;
}

/** True once `init()` has finished. */
export function isReady(): boolean {
  return loaded !== null;
}

/** The core's exports; throws WASM_NOT_READY before `init()` has finished. */
export function core(): CoreExports {
  if (loaded === null)
    throw new RmsimError('WASM_NOT_READY', 'the wasm core is not loaded: `await init()` first (import { init } from rmsim)');
  return loaded.exports;
}

/** SHA-256 (hex) of the loaded .wasm bytes, so result files name the core that produced them ('unknown' if loaded from a module). */
export async function wasmHash(): Promise<string> {
  core();
  return loaded!.hash ?? 'unknown';
}

/** The compiled module of the loaded core (e.g. to hand to worker threads, so they run the same .wasm). */
export function loadedModule(): WebAssembly.Module {
  core();
  return loaded!.module;
}

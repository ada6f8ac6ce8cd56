/**
 * Random samplers in the wasm core (assembly/rng.ts): xoshiro256** streams, uniform, standard
 * normal (Marsaglia's polar method, exact), Student-t(ν) for real ν > 0 (Bailey's polar method,
 * exact), Laplace(0, b) (inverse CDF) and k of K without replacement (Knuth's Algorithm S).
 *
 * Every sampler takes an explicit `Stream` and advances it; the same stream position gives the
 * same numbers (src/core/rng.ref.ts reproduces them bit for bit). `fill*` variants write into a
 * resident `WasmF64` so bulk data can be generated directly in wasm memory.
 */
import { invalid } from '../errors.js';
import { alloc, allocF64, allocI32, type I32Input, i32Length, inputF64, inputI32, scoped, WasmF64 } from './memory.js';
import { requireStream, type Stream, withStream } from './stream.js';
import { core } from './wasm.js';

const MAX_N = 2 ** 31 - 1;

function requireCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_N) invalid(name, `must be an integer in [0, 2^31), got ${String(n)}`);
}

function requireNu(nu: number): void {
  if (typeof nu !== 'number' || !Number.isFinite(nu) || !(nu > 0)) invalid('nu', `must be finite and > 0, got ${String(nu)}`);
}

function requireScale(scale: number): void {
  if (typeof scale !== 'number' || !Number.isFinite(scale) || !(scale > 0)) {
    invalid('scale', `must be finite and > 0, got ${String(scale)}`);
  }
}

function requireResident(out: WasmF64): void {
  if (!(out instanceof WasmF64)) invalid('out', 'must be a resident WasmF64 (allocF64)');
  inputF64(out, 'out'); // rejects a released buffer
}

/** n draws into a fresh JS array via a fill kernel. */
function draw(stream: Stream, n: number, run: (state: number, out: number) => void): Float64Array {
  return scoped(() => {
    const out = allocF64(n);
    withStream(stream, (state) => run(state, out.ptr));
    return out.toArray();
  });
}

/** n uniform doubles in [0, 1) (top 53 bits of xoshiro256** · 2^-53). */
export function uniform(stream: Stream, n: number): Float64Array {
  requireStream(stream);
  requireCount(n, 'n');
  return draw(stream, n, (s, p) => core().rng_uniform(s, p, n));
}

/** n raw 64-bit xoshiro256** outputs (for tests and for seeding other generators). */
export function bits64(stream: Stream, n: number): BigUint64Array {
  requireStream(stream);
  requireCount(n, 'n');
  return scoped(() => {
    const ptr = alloc(n * 8);
    withStream(stream, (s) => core().rng_u64(s, ptr, n));
    return new BigUint64Array(core().memory.buffer, ptr, n).slice();
  });
}

/** n standard normals (Marsaglia's polar method, both values of each pair). */
export function normal(stream: Stream, n: number): Float64Array {
  requireStream(stream);
  requireCount(n, 'n');
  return draw(stream, n, (s, p) => core().rng_normal(s, p, n));
}

/** n Student-t draws with `nu` > 0 degrees of freedom (any real ν; Bailey's polar method). */
export function studentT(stream: Stream, nu: number, n: number): Float64Array {
  requireStream(stream);
  requireNu(nu);
  requireCount(n, 'n');
  return draw(stream, n, (s, p) => core().rng_student_t(s, p, n, nu));
}

/** n Laplace(0, scale) draws (density e^{−|x|/b}/(2b), variance 2b²), by inverse CDF. */
export function laplace(stream: Stream, n: number, scale = 1): Float64Array {
  requireStream(stream);
  requireCount(n, 'n');
  requireScale(scale);
  return draw(stream, n, (s, p) => core().rng_laplace(s, p, n, scale));
}

/** Fill the resident `out` with uniforms in [0, 1), in place. */
export function fillUniform(stream: Stream, out: WasmF64): WasmF64 {
  requireStream(stream);
  requireResident(out);
  scoped(() => withStream(stream, (s) => core().rng_uniform(s, out.ptr, out.length)));
  return out;
}

/** Fill the resident `out` with standard normals, in place (same numbers as `normal`). */
export function fillNormal(stream: Stream, out: WasmF64): WasmF64 {
  requireStream(stream);
  requireResident(out);
  scoped(() => withStream(stream, (s) => core().rng_normal(s, out.ptr, out.length)));
  return out;
}

/** Fill the resident `out` with Student-t(ν) draws, in place. */
export function fillStudentT(stream: Stream, out: WasmF64, nu: number): WasmF64 {
  requireStream(stream);
  requireResident(out);
  requireNu(nu);
  scoped(() => withStream(stream, (s) => core().rng_student_t(s, out.ptr, out.length, nu)));
  return out;
}

/** Fill the resident `out` with Laplace(0, scale) draws, in place. */
export function fillLaplace(stream: Stream, out: WasmF64, scale = 1): WasmF64 {
  requireStream(stream);
  requireResident(out);
  requireScale(scale);
  scoped(() => withStream(stream, (s) => core().rng_laplace(s, out.ptr, out.length, scale)));
  return out;
}

/** `k` distinct indices of [0, K), ascending, every k-subset equally likely (Algorithm S, O(K)). */
export function sampleWithoutReplacement(stream: Stream, K: number, k: number): Int32Array {
  requireStream(stream);
  requireCount(K, 'K');
  requireCount(k, 'k');
  if (k > K) invalid('k', `must be ≤ K (${K}), got ${String(k)}`);
  return scoped(() => {
    const offsets = allocI32(2);
    offsets.view().set([0, K]);
    const ks = allocI32(1);
    ks.view()[0] = k;
    const out = allocI32(k);
    withStream(stream, (s) => core().rng_sample_groups(s, offsets.ptr, ks.ptr, 1, out.ptr));
    return out.toArray();
  });
}

/**
 * Sampling without replacement in many groups at once: group g is [offsets[g], offsets[g+1]) and
 * draws ks[g] of its items. Returns the local indices (in [0, K_g), ascending within a group),
 * group after group: group g's start is ks[0] + … + ks[g−1]. Same numbers as calling
 * `sampleWithoutReplacement` group by group on the same stream.
 */
export function sampleGroups(stream: Stream, offsets: I32Input, ks: I32Input): Int32Array {
  requireStream(stream);
  const G = i32Length(ks, 'ks');
  const entries = i32Length(offsets, 'offsets');
  if (entries !== G + 1) invalid('offsets', `must have ks.length + 1 = ${G + 1} entries, got ${String(entries)}`);
  return scoped(() => {
    // copied in with a check: a fractional, NaN or out-of-range size is refused, never truncated
    const off = inputI32(offsets, 'offsets');
    const kk = inputI32(ks, 'ks');
    const ov = off.view();
    const kv = kk.view();
    if (ov[0] !== 0) invalid('offsets', `must start at 0, got ${String(ov[0])}`);
    let total = 0;
    for (let g = 0; g < G; g++) {
      const K = ov[g + 1] - ov[g];
      if (K < 0) invalid('offsets', `must be non-decreasing; offsets[${g + 1}] = ${ov[g + 1]} < offsets[${g}] = ${ov[g]}`);
      if (kv[g] < 0) invalid('ks', `ks[${g}] = ${kv[g]} is negative`);
      if (kv[g] > K) invalid('ks', `ks[${g}] = ${kv[g]} exceeds the group size ${K}`);
      total += kv[g];
    }
    const out = allocI32(total);
    withStream(stream, (s) => core().rng_sample_groups(s, off.ptr, kk.ptr, G, out.ptr));
    return out.toArray();
  });
}

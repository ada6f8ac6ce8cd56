/**
 * Plain-TypeScript reference for assembly/rng.ts, bit for bit: xoshiro256** in 32-bit halves
 * (no BigInt, so it is fast enough to benchmark) and the same samplers consuming the stream in
 * the same order. Math.log and Math.expm1 are V8's fdlibm ports, which the wasm core transcribes
 * (the tests check that they agree bit for bit), and Math.sqrt is correctly rounded everywhere.
 * Each function advances `stream` exactly as its wasm twin in rng.ts does.
 */
import type { Stream } from './stream.js';

const TWO32 = 4294967296;
const TWO_M53 = 1.1102230246251565e-16;

/** xoshiro256** 1.0 over a Stream's state (4 u64 words as 8 u32, low word first). */
export class XoshiroRef {
  // s_k = (h_k, l_k) as int32 halves
  private l0: number;
  private h0: number;
  private l1: number;
  private h1: number;
  private l2: number;
  private h2: number;
  private l3: number;
  private h3: number;
  /** High and low 32 bits (unsigned) of the last `next()` output. */
  hi = 0;
  lo = 0;

  constructor(private readonly stream: Stream) {
    const s = stream.state;
    this.l0 = s[0] | 0;
    this.h0 = s[1] | 0;
    this.l1 = s[2] | 0;
    this.h1 = s[3] | 0;
    this.l2 = s[4] | 0;
    this.h2 = s[5] | 0;
    this.l3 = s[6] | 0;
    this.h3 = s[7] | 0;
  }

  /** Write the advanced state back into the stream. */
  save(): void {
    const s = this.stream.state;
    s[0] = this.l0;
    s[1] = this.h0;
    s[2] = this.l1;
    s[3] = this.h1;
    s[4] = this.l2;
    s[5] = this.h2;
    s[6] = this.l3;
    s[7] = this.h3;
  }

  /** Advance; the 64-bit output is left in (hi, lo). */
  next(): void {
    const l1 = this.l1,
      h1 = this.h1;
    // result = rotl(s1 * 5, 7) * 9 (mod 2^64)
    let p = (l1 >>> 0) * 5;
    let rl = p >>> 0;
    let rh = (Math.imul(h1, 5) + (p - rl) / TWO32) | 0;
    const ql = (rl << 7) | (rh >>> 25);
    const qh = (rh << 7) | (rl >>> 25);
    p = (ql >>> 0) * 9;
    rl = p >>> 0;
    rh = (Math.imul(qh, 9) + (p - rl) / TWO32) >>> 0;
    this.hi = rh;
    this.lo = rl;
    // t = s1 << 17
    const th = (h1 << 17) | (l1 >>> 15);
    const tl = l1 << 17;
    this.l2 ^= this.l0;
    this.h2 ^= this.h0;
    this.l3 ^= l1;
    this.h3 ^= h1;
    this.l1 = l1 ^ this.l2;
    this.h1 = h1 ^ this.h2;
    this.l0 ^= this.l3;
    this.h0 ^= this.h3;
    this.l2 ^= tl;
    this.h2 ^= th;
    // s3 = rotl(s3, 45) = rotl(swap halves, 13)
    const a = this.h3,
      b = this.l3; // swapped halves (b, a), then rotated left by 13
    this.h3 = (b << 13) | (a >>> 19);
    this.l3 = (a << 13) | (b >>> 19);
  }

  /** Uniform in [0, 1): top 53 bits times 2^-53 (nextF64). */
  nextF64(): number {
    this.next();
    return (this.hi * 2097152 + (this.lo >>> 11)) * TWO_M53;
  }

  /** Uniform in (0, 1): (top 53 bits + ½)·2^-53 (nextOpenF64). */
  nextOpenF64(): number {
    this.next();
    return (this.hi * 2097152 + (this.lo >>> 11) + 0.5) * TWO_M53;
  }

  /** Uniform integer in [0, k), 1 ≤ k < 2^32: Lemire's multiply-shift with rejection (nextBelow). */
  nextBelow(k: number): number {
    const kLo = k & 0xffff,
      kHi = k >>> 16;
    for (let threshold = -1; ; ) {
      this.next();
      const x = this.hi;
      const low = Math.imul(x, k) >>> 0;
      if (low >= k || (threshold < 0 ? low >= (threshold = (TWO32 - k) % k) : low >= threshold)) {
        // high word of the exact 64-bit product x·k, from 16-bit halves of k (all exact in f64)
        return Math.floor((x * kHi + Math.floor((x * kLo) / 65536)) / 65536);
      }
    }
  }
}

/** Run `fn` with a reference generator on `stream`, then save the advanced state. */
function withRef<T>(stream: Stream, fn: (g: XoshiroRef) => T): T {
  const g = new XoshiroRef(stream);
  const out = fn(g);
  g.save();
  return out;
}

/** Raw xoshiro256** outputs (rng_u64). */
export function bits64Ref(stream: Stream, n: number): BigUint64Array {
  return withRef(stream, (g) => {
    const out = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      g.next();
      out[i] = (BigInt(g.hi) << 32n) | BigInt(g.lo);
    }
    return out;
  });
}

export function uniformRef(stream: Stream, n: number): Float64Array {
  return withRef(stream, (g) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = g.nextF64();
    return out;
  });
}

/** Marsaglia's polar method, both values of each accepted pair (rng_normal). */
export function normalRef(stream: Stream, n: number): Float64Array {
  return withRef(stream, (g) => {
    const out = new Float64Array(n);
    let i = 0;
    while (i < n) {
      const u = 2 * g.nextF64() - 1;
      const v = 2 * g.nextF64() - 1;
      const s = u * u + v * v;
      if (s < 1 && s > 0) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        out[i] = u * f;
        if (i + 1 < n) out[i + 1] = v * f;
        i += 2;
      }
    }
    return out;
  });
}

/** Bailey's polar method for Student-t(ν), one value per accepted pair (rng_student_t). */
export function studentTRef(stream: Stream, nu: number, n: number): Float64Array {
  return withRef(stream, (g) => {
    const out = new Float64Array(n);
    const c = -2 / nu;
    for (let i = 0; i < n; ) {
      const u = 2 * g.nextF64() - 1;
      const v = 2 * g.nextF64() - 1;
      const w = u * u + v * v;
      if (w < 1 && w > 0) out[i++] = u * Math.sqrt(nu / w) * Math.sqrt(Math.expm1(c * Math.log(w)));
    }
    return out;
  });
}

/** Laplace(0, b) by inverse CDF from p uniform on (0, 1) (rng_laplace). */
export function laplaceRef(stream: Stream, n: number, b: number): Float64Array {
  return withRef(stream, (g) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = g.nextOpenF64();
      out[i] = p < 0.5 ? b * Math.log(2 * p) : -b * Math.log(2 - 2 * p);
    }
    return out;
  });
}

/** Knuth's Algorithm S: k of K, ascending (sampleSortedInto). */
export function sampleWithoutReplacementRef(stream: Stream, K: number, k: number): Int32Array {
  return withRef(stream, (g) => sampleS(g, K, k));
}

function sampleS(g: XoshiroRef, K: number, k: number): Int32Array {
  const out = new Int32Array(k);
  let taken = 0;
  for (let t = 0; t < K && taken < k; t++) {
    const need = k - taken;
    if (need === K - t || g.nextBelow(K - t) < need) out[taken++] = t;
  }
  return out;
}

/** Algorithm S per group, groups in order from one stream (rng_sample_groups). */
export function sampleGroupsRef(stream: Stream, offsets: ArrayLike<number>, ks: ArrayLike<number>): Int32Array {
  return withRef(stream, (g) => {
    let total = 0;
    for (let i = 0; i < ks.length; i++) total += ks[i];
    const out = new Int32Array(total);
    let o = 0;
    for (let i = 0; i < ks.length; i++) {
      out.set(sampleS(g, offsets[i + 1] - offsets[i], ks[i]), o);
      o += ks[i];
    }
    return out;
  });
}

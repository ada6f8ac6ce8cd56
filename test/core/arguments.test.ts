// The boundary of rmsim/core: every public function, given a wrong argument in any position (or
// inside a pools object), returns or throws an RmsimError naming it; never a TypeError, a
// RangeError, a hang or a silent truncation. Work beyond a documented limit is refused before
// it starts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bonExact, bonKLBound, bonMonteCarlo } from '../../src/core/bon.js';
import { MAX_BETAS, MAX_MC_DRAWS, MAX_WORK } from '../../src/core/limits.js';
import { expArray, expm1SmallArray, logGammaArray } from '../../src/core/math.js';
import { allocF64, allocI32, putF64, putI32, scoped, WasmF64, WasmI32 } from '../../src/core/memory.js';
import { accuracyFromCounts, pairwiseAccuracy, sum4 } from '../../src/core/pairs.js';
import { groupStats, uniformOffsets } from '../../src/core/rank.js';
import {
  bits64,
  fillLaplace,
  fillNormal,
  fillStudentT,
  fillUniform,
  laplace,
  normal,
  sampleGroups,
  sampleWithoutReplacement,
  studentT,
  uniform,
} from '../../src/core/rng.js';
import { argsort, argsortWithinGroups } from '../../src/core/sort.js';
import { Stream } from '../../src/core/stream.js';
import { tiltAtKL, tiltBetaGrid, tiltSweep } from '../../src/core/tilt.js';
import { RmsimError } from '../../src/errors.js';

const stream = () => Stream.from(1, 'arguments');
const pools = () => ({ offsets: [0, 3, 6], gold: [1, 2, 3, 4, 5, 6], proxy: [6, 4, 5, 3, 2, 1] });

/** A valid call of every public function, its arguments built fresh each time (resident ones inside the caller's scope). */
const CALLS: Record<string, { args: () => unknown[]; fn: (...a: never[]) => unknown }> = {
  bonExact: { fn: bonExact, args: () => [pools(), [1, 2], { replacement: 'without' }] },
  bonExactWith: { fn: bonExact, args: () => [pools(), [1, 8], { replacement: 'with', logPi0: [0, 0, 1, 0, 0, 1] }] },
  bonMonteCarlo: { fn: bonMonteCarlo, args: () => [pools(), [1, 2], 10, stream()] },
  bonKLBound: { fn: bonKLBound, args: () => [4] },
  pairwiseAccuracy: { fn: pairwiseAccuracy, args: () => [[1, 2], [2, 1], [1, 2], [2, 2], 'half', { kernel: 'scalar' }] },
  sum4: { fn: sum4, args: () => [[1], [2], [3], [4]] },
  accuracyFromCounts: {
    fn: accuracyFromCounts,
    args: () => [{ pairs: 4, goldTies: 0, concordant: 2, discordant: 1, proxyTies: 1 }, 'half'],
  },
  scoped: { fn: scoped, args: () => [() => 1] },
  groupStats: {
    fn: groupStats,
    args: () => [
      [1, 2, 3, 4],
      [1, 3, 2, 4],
      [0, 2, 4],
    ],
  },
  uniformOffsets: { fn: uniformOffsets, args: () => [2, 3] },
  argsort: { fn: argsort, args: () => [[3, 1, 2]] },
  argsortWithinGroups: { fn: argsortWithinGroups, args: () => [putF64([3, 1, 2]), putI32([0, 3])] },
  expArray: { fn: expArray, args: () => [[0, 1], { simd: false }] },
  logGammaArray: { fn: logGammaArray, args: () => [[0.5, 3]] },
  expm1SmallArray: { fn: expm1SmallArray, args: () => [new Float64Array([0.1, -0.2])] },
  tiltSweep: { fn: tiltSweep, args: () => [pools(), [0.5, 2], { perPrompt: false }] },
  tiltAtKL: { fn: tiltAtKL, args: () => [pools(), [0.1], { grid: { points: 9 }, refine: 5 }] },
  tiltBetaGrid: { fn: tiltBetaGrid, args: () => [1e-2, 1e2, 5] },
  uniform: { fn: uniform, args: () => [stream(), 5] },
  bits64: { fn: bits64, args: () => [stream(), 5] },
  normal: { fn: normal, args: () => [stream(), 5] },
  studentT: { fn: studentT, args: () => [stream(), 3, 5] },
  laplace: { fn: laplace, args: () => [stream(), 5, 2] },
  fillUniform: { fn: fillUniform, args: () => [stream(), allocF64(3)] },
  fillNormal: { fn: fillNormal, args: () => [stream(), allocF64(3)] },
  fillStudentT: { fn: fillStudentT, args: () => [stream(), allocF64(3), 2] },
  fillLaplace: { fn: fillLaplace, args: () => [stream(), allocF64(3), 1] },
  sampleWithoutReplacement: { fn: sampleWithoutReplacement, args: () => [stream(), 5, 2] },
  sampleGroups: { fn: sampleGroups, args: () => [stream(), [0, 3, 6], [1, 2]] },
  allocF64: { fn: allocF64, args: () => [3] },
  allocI32: { fn: allocI32, args: () => [3] },
  putF64: { fn: putF64, args: () => [[1, 2]] },
  putI32: { fn: putI32, args: () => [[1, 2]] },
  'Stream.from': { fn: Stream.from, args: () => [7, 'proxy', 3] },
};

/** Wrong values of every kind (no count between 1e6 and 2^31, which is valid but slow). */
const junk = fc.constantFrom<unknown>(
  null,
  undefined,
  'abc',
  '',
  true,
  0,
  -1,
  2.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 31,
  1e300,
  {},
  [],
  [Number.NaN],
  [1.5, 2],
  [-1, 1e12],
  new Float64Array([Number.NaN, 1]),
  new BigInt64Array(2),
  new DataView(new ArrayBuffer(8)),
  () => 1,
  Symbol('s'),
);

/** A made-up resident buffer (length −4, 2.5, or released memory): built in the calling scope. */
const fakeResident = fc.constantFrom<() => unknown>(
  () => new WasmF64(16, -4, 1),
  () => new WasmI32(16, 2.5, 1),
  () => new WasmF64(2 ** 30, 4, 1),
  () => new WasmI32(2 ** 30, 4, 1),
  () => allocF64(2), // the wrong type where an I32 is expected, or a fine f64 input
);

function expectBoundary(call: () => unknown, what: string): void {
  try {
    call();
  } catch (err) {
    if (!(err instanceof RmsimError)) throw new Error(`${what}: threw ${String(err)}, not an RmsimError`);
    expect(['INVALID_ARGUMENT', 'OUT_OF_MEMORY'], `${what}: ${err.message}`).toContain(err.code);
    expect(err.message.split('\n'), what).toHaveLength(1);
  }
}

describe('the core boundary', () => {
  it('makes every valid call succeed', () => {
    for (const [name, c] of Object.entries(CALLS)) scoped(() => expect(() => c.fn(...(c.args() as never[])), name).not.toThrow());
  });

  it('answers a wrong argument in any position with an RmsimError', () => {
    const cases = Object.entries(CALLS).flatMap(([name, c]) => c.args().map((_, i) => [name, i] as const));
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.oneof(junk, fakeResident), ([name, i], bad) => {
        const c = CALLS[name];
        scoped(() => {
          const args = c.args();
          args[i] = typeof bad === 'function' && bad.length === 0 && !(bad() === 1) ? bad() : bad;
          expectBoundary(() => c.fn(...(args as never[])), `${name} argument ${i} = ${String(args[i])}`);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('answers a wrong field of a pools or options object with an RmsimError', () => {
    const objects = Object.entries(CALLS).flatMap(([name, c]) =>
      c
        .args()
        .flatMap((a, i) =>
          a && typeof a === 'object' && !ArrayBuffer.isView(a) && !Array.isArray(a) && !(a instanceof Stream)
            ? Object.keys(a).map((key) => [name, i, key] as const)
            : [],
        ),
    );
    expect(objects.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.oneof(junk, fakeResident), ([name, i, key], bad) => {
        const c = CALLS[name];
        scoped(() => {
          const args = c.args();
          const value = typeof bad === 'function' && bad.length === 0 && !(bad() === 1) ? bad() : bad;
          args[i] = { ...(args[i] as object), [key]: value };
          expectBoundary(() => c.fn(...(args as never[])), `${name} ${key} = ${String(value)}`);
        });
      }),
      { numRuns: 800 },
    );
  });

  it('refuses fractional, NaN and out-of-range sizes instead of truncating them', () => {
    for (const ks of [
      [1.5, 2],
      [Number.NaN, 1],
      [1, 2 ** 31],
    ]) {
      expect(() => sampleGroups(stream(), [0, 3, 6], ks)).toThrow(/^ks: element \d is .*; values must be int32 integers/);
    }
    expect(() => sampleGroups(stream(), [0, 2.5, 6], [1, 1])).toThrow(/^offsets: element 1 is 2.5/);
    expect(() => putI32([0.5])).toThrow(/^src: element 0 is 0.5/);
  });

  it('refuses null and wrong types naming the argument', () => {
    expect(() => argsort(null as never)).toThrow(/^keys: must be an array of numbers or a WasmF64, got null$/);
    expect(() => bonExact(null as never, [1], { replacement: 'with' })).toThrow(/^pools: must be an object, got null$/);
    expect(() => tiltSweep({ ...pools(), gold: 'x' as never }, [1])).toThrow(
      /^gold: must be an array of numbers or a WasmF64, got string x$/,
    );
    expect(() => groupStats([1], [1], scoped(() => allocF64(2)) as never)).toThrow(
      /^offsets: must be an array of numbers or a WasmI32, got a WasmF64$/,
    );
    expect(() => bonMonteCarlo(pools(), [1], 10, {} as never)).toThrow(/^stream: must be a Stream/);
  });

  it('refuses work beyond its limits at once, before allocating', () => {
    const t0 = performance.now();
    expect(() => bonMonteCarlo(pools(), [1e9], 10, stream())).toThrow(
      /^trials: prompts × Σn × trials = 2 × 1000000000 × 10 = 2.00e\+10 draws exceeds the limit/,
    );
    expect(2 * 2 ** 31 * 2).toBeGreaterThan(MAX_MC_DRAWS);
    expect(() => tiltAtKL(pools(), [0.1], { grid: { points: 1e9 } })).toThrow(
      /^points: must be an integer in \[2, 1000000\], got 1000000000$/,
    );
    expect(() => tiltBetaGrid(1, 2, MAX_BETAS + 1)).toThrow(/^points: /);
    expect(() => tiltSweep(pools(), new Float64Array(MAX_BETAS + 1).fill(1))).toThrow(/^betas: has 1000001 values; at most 1000000/);
    // a million responses × a million β: hours of work, refused (a resident buffer: nothing is copied)
    scoped(() => {
      const big = allocF64(1e6);
      const offsets = uniformOffsets(1, 1e6);
      expect(1e12).toBeGreaterThan(MAX_WORK);
      expect(() => tiltSweep({ offsets, proxy: big, gold: big }, new Float64Array(1e6).fill(1))).toThrow(
        /^betas: 1000000 responses × 1000000 β values = 1.00e\+12 evaluations exceeds the limit/,
      );
      expect(() => bonExact({ offsets, proxy: big, gold: big }, new Float64Array(1e5).fill(2), { replacement: 'with' })).toThrow(
        /^ns: 1000000 responses × 100000 values of n/,
      );
    });
    expect(performance.now() - t0).toBeLessThan(5000); // a loose guard against a hang, not a benchmark
  });
});

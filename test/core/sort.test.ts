import { describe, expect, it } from 'vitest';
import { alloc, allocF64, allocI32, putF64, putI32, scoped } from '../../src/core/memory.js';
import { normal, uniform } from '../../src/core/rng.js';
import { argsort, argsortWithinGroups } from '../../src/core/sort.js';
import { argsortRef } from '../../src/core/sort.ref.js';
import { Stream } from '../../src/core/stream.js';
import { core } from '../../src/core/wasm.js';
import { RmsimError } from '../../src/errors.js';

/** Compare with the reference; on failure report n, the first differing position and its keys. */
function expectSameAsRef(keys: ArrayLike<number>, what: string): void {
  const got = argsort(keys instanceof Float64Array ? keys : Float64Array.from(keys));
  const want = argsortRef(keys);
  expect(got.length).toBe(want.length);
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  const detail =
    i < got.length
      ? `${what} (n = ${keys.length}): first difference at ${i}: wasm idx ${got[i]} (key ${keys[got[i]]}) vs reference idx ${want[i]} (key ${keys[want[i]]})`
      : '';
  expect(i, detail).toBe(got.length);
}

/** Independent check of the contract: a permutation, keys non-decreasing, equal keys in input order. */
function expectStableSorted(keys: ArrayLike<number>, idx: Int32Array): void {
  const seen = new Uint8Array(keys.length);
  for (const j of idx) seen[j]++;
  expect(
    seen.every((c) => c === 1),
    'not a permutation',
  ).toBe(true);
  for (let i = 1; i < idx.length; i++) {
    const a = keys[idx[i - 1]],
      b = keys[idx[i]];
    if (!(a < b || (a === b && idx[i - 1] < idx[i]))) {
      expect.fail(`position ${i}: key ${a} (idx ${idx[i - 1]}) before key ${b} (idx ${idx[i]})`);
    }
  }
}

const SIZES = [0, 1, 2, 3, 31, 32, 33, 100, 1000, 4099];

describe('argsort', () => {
  it('sorts ascending and keeps equal keys in input order', () => {
    expect(Array.from(argsort([3, 1, 2, 1, 3, 0]))).toEqual([5, 1, 3, 2, 0, 4]);
  });

  it('handles empty and one-element input', () => {
    expect(argsort([]).length).toBe(0);
    expect(Array.from(argsort([7]))).toEqual([0]);
    expect(Array.from(argsort([2, -2]))).toEqual([1, 0]);
    expect(Array.from(argsort([-2, 2]))).toEqual([0, 1]);
  });

  it.each(SIZES)('matches the reference on random normal keys, n = %i', (n) => {
    const keys = normal(Stream.from(1, 'sort', n), n);
    expectSameAsRef(keys, 'normal');
    expectStableSorted(keys, argsort(keys));
  });

  it.each(SIZES)('matches the reference on heavily tied keys (5 distinct values), n = %i', (n) => {
    const u = uniform(Stream.from(2, 'ties', n), n);
    const keys = u.map((v) => Math.floor(v * 5) - 2);
    expectSameAsRef(keys, 'ties');
  });

  it.each(SIZES)('matches the reference on sorted, reversed and constant keys, n = %i', (n) => {
    const up = Float64Array.from({ length: n }, (_, i) => i * 0.5 - 7);
    expectSameAsRef(up, 'sorted');
    expect(Array.from(argsort(up))).toEqual(Array.from({ length: n }, (_, i) => i));
    const down = up.slice().reverse();
    expectSameAsRef(down, 'reversed');
    expectSameAsRef(new Float64Array(n).fill(-3.25), 'constant');
    expect(Array.from(argsort(new Float64Array(n).fill(-3.25)))).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it.each([2, 7, 40, 1000])('treats -0 and +0 as equal keys (ties in input order), n = %i', (n) => {
    const keys = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i % 2 ? -1e-300 : 5e-324));
    expectSameAsRef(keys, '±0');
    const idx = argsort(keys);
    // zeros, whatever their sign, keep input order among themselves
    const zeros = Array.from(idx).filter((j) => keys[j] === 0);
    expect(zeros).toEqual([...zeros].sort((a, b) => a - b));
  });

  it.each([5, 33, 1000])('orders ±huge, subnormal and small keys across the whole f64 range, n = %i', (n) => {
    const pool = [
      -Number.MAX_VALUE,
      Number.MAX_VALUE,
      -1e308,
      1e308,
      -1e-308,
      1e-308,
      5e-324,
      -5e-324,
      -1,
      1,
      0,
      2 ** 53,
      -(2 ** 53),
      1.0000000000000002,
      1,
    ];
    const u = uniform(Stream.from(3, 'huge', n), n);
    const keys = u.map((v) => pool[Math.floor(v * pool.length)]);
    expectSameAsRef(keys, 'huge');
    expectStableSorted(keys, argsort(keys));
  });

  it('matches the reference for n = 1e6 (normal keys with a tied block)', () => {
    const n = 1_000_000;
    const keys = normal(Stream.from(4, 'million'), n);
    for (let i = 0; i < n; i += 7) keys[i] = 0.5;
    expectSameAsRef(keys, '1e6');
  });

  it('keys differing only in the lowest bits and only in the sign/exponent digits sort correctly', () => {
    const n = 3000;
    const u = uniform(Stream.from(5, 'bits'), n);
    const low = u.map((v) => 1 + Math.floor(v * 4096) * 2 ** -52); // only the lowest 12 bits vary
    expectSameAsRef(low, 'low bits');
    const high = u.map((v) => (v < 0.5 ? -1 : 1) * 2 ** Math.floor(v * 200 - 100)); // sign and exponent only
    expectSameAsRef(high, 'high bits');
  });

  it('argsort_f64 (the kernel other kernels call per group) does not write outside idx and its scratch', () => {
    scoped(() => {
      const n = 100;
      const keys = allocF64(n);
      keys.view().set(normal(Stream.from(6, 'guard'), n));
      const scratchBytes = core().argsortScratchBytes(n);
      const guardBefore = allocI32(4);
      const idx = allocI32(n);
      const scratch = alloc(scratchBytes);
      const guardAfter = allocI32(4);
      guardBefore.view().fill(0x5a5a5a5a);
      guardAfter.view().fill(0x5a5a5a5a);
      core().argsort_f64(keys.ptr, n, idx.ptr, scratch);
      expect(Array.from(guardBefore.view())).toEqual([0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a]);
      expect(Array.from(guardAfter.view())).toEqual([0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a]);
      expect(Array.from(idx.view())).toEqual(Array.from(argsortRef(keys.view())));
    });
  });

  it('rejects NaN naming the argument and index', () => {
    expect(() => argsort([1, NaN])).toThrow(RmsimError);
    expect(() => argsort([1, NaN])).toThrow(/keys: element 1 is NaN/);
  });
});

describe('argsortWithinGroups', () => {
  it('sorts each group stably on its own, local indices, groups of 0, 1 and many keys with ties', () => {
    const sizes = [0, 1, 5, 40, 3, 100];
    const offsets = [0];
    for (const k of sizes) offsets.push(offsets[offsets.length - 1] + k);
    const keys = Array.from(normal(Stream.from(9, 'groups'), offsets[offsets.length - 1]), (v) => Math.round(v * 3) / 3);
    scoped(() => {
      const order = argsortWithinGroups(putF64(keys), putI32(offsets));
      const idx = order.idx.view();
      sizes.forEach((k, g) => {
        const o = offsets[g];
        const want = Array.from(argsortRef(keys.slice(o, o + k)));
        expect(Array.from(idx.subarray(o, o + k)), `group ${g}`).toEqual(want);
      });
    });
  });

  it('refuses keys that are not resident, or offsets that do not add up', () => {
    scoped(() => {
      expect(() => argsortWithinGroups([1, 2] as never, putI32([0, 2]))).toThrow(/^keys: must be resident/);
      expect(() => argsortWithinGroups(putF64([1, 2]), putI32([0, 3]))).toThrow(/^offsets: /);
    });
  });
});

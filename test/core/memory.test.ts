import { describe, expect, it } from 'vitest';
import { allocF64, memoryInUse, putF64, resetMemory, scoped, WasmF64 } from '../../src/core/memory.js';
import { argsort } from '../../src/core/sort.js';
import { RmsimError } from '../../src/errors.js';

describe('the wasm memory arena', () => {
  it('scoped() frees what it allocated, also when the body throws', () => {
    const before = memoryInUse();
    scoped(() => allocF64(1000));
    expect(memoryInUse()).toBe(before);
    expect(() =>
      scoped(() => {
        allocF64(1000);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memoryInUse()).toBe(before);
  });

  it('grows memory and re-derives views: data written before a growth is read back intact', () => {
    scoped(() => {
      const a = putF64([1, 2, 3]);
      const big = allocF64(8_000_000); // 64 MB: forces memory.grow
      big.view()[7_999_999] = 5;
      expect(Array.from(a.view())).toEqual([1, 2, 3]);
      expect(big.view()[7_999_999]).toBe(5);
    });
  });

  it('rejects a released buffer, naming it, even when its address has been handed out again', () => {
    let stale: WasmF64 | undefined;
    scoped(() => {
      stale = putF64([3, 1, 2]);
      expect(Array.from(argsort(stale))).toEqual([1, 2, 0]);
    });
    scoped(() => {
      const fresh = putF64([2, 3, 1]);
      expect(fresh.ptr).toBe(stale!.ptr); // same memory, a different allocation
      expect(() => argsort(stale!)).toThrow(RmsimError);
      expect(() => argsort(stale!)).toThrow(/^keys: resident buffer .* is not live wasm memory/);
      expect(() => stale!.view()).toThrow(/^buffer: /);
      expect(Array.from(argsort(fresh))).toEqual([2, 0, 1]);
    });
  });

  it('rejects a made-up buffer', () => {
    scoped(() => {
      const real = putF64([1, 2]);
      expect(() => argsort(new WasmF64(real.ptr, 2, real.serial + 1000))).toThrow(/^keys: /);
      expect(() => argsort(new WasmF64(2 ** 30, 1000, 1))).toThrow(/^keys: /);
      // lengths and pointers that no allocation has
      for (const [ptr, length] of [
        [real.ptr, -4],
        [real.ptr, 2.5],
        [real.ptr, Number.NaN],
        [real.ptr + 0.5, 1],
      ]) {
        expect(() => argsort(new WasmF64(ptr, length, real.serial)), `${ptr}, ${length}`).toThrow(/^keys: resident buffer .* is not live/);
        expect(() => new WasmF64(ptr, length, real.serial).view()).toThrow(RmsimError);
      }
    });
  });

  it('keeps buffers allocated before an inner scope live after it', () => {
    scoped(() => {
      const outer = putF64([5, 4]);
      scoped(() => putF64([1, 2, 3]));
      expect(Array.from(argsort(outer))).toEqual([1, 0]);
    });
  });
});

describe('resident subarrays', () => {
  it('share memory and liveness with their parent, and cannot reach past it', () => {
    let sub: WasmF64 | undefined;
    scoped(() => {
      const a = putF64([1, 2, 3, 4, 5]);
      sub = a.subarray(1, -1);
      expect(Array.from(sub.view())).toEqual([2, 3, 4]);
      sub.view()[0] = 9;
      expect(a.view()[1]).toBe(9);
      expect(Array.from(argsort(sub))).toEqual([1, 2, 0]);
      expect(() => argsort(new WasmF64(a.ptr, 6, a.serial))).toThrow(/^keys: /);
    });
    expect(() => argsort(sub!)).toThrow(/^keys: /);
  });
});

describe('resetMemory', () => {
  it('is refused inside scoped(), whose end would restore a state that no longer exists', () => {
    scoped(() => {
      putF64([1, 2]);
      expect(() => resetMemory()).toThrow(/^resetMemory: cannot reset the arena inside scoped\(\)/);
    });
  });
});

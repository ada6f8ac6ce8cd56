import { describe, expect, it } from 'vitest';
import { allocF64, mark, memoryInUse, putF64, release, scoped, WasmF64 } from '../../src/core/memory.js';
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
    const m = mark();
    const a = putF64([1, 2, 3]);
    const big = allocF64(8_000_000); // 64 MB: forces memory.grow
    big.view()[7_999_999] = 5;
    expect(Array.from(a.view())).toEqual([1, 2, 3]);
    expect(big.view()[7_999_999]).toBe(5);
    release(m);
  });

  it('rejects a resident buffer that was released or made up, naming it', () => {
    const m = mark();
    const keys = putF64([3, 1, 2]);
    expect(Array.from(argsort(keys))).toEqual([1, 2, 0]);
    release(m);
    expect(() => argsort(keys)).toThrow(RmsimError);
    expect(() => argsort(keys)).toThrow(/^buffer: resident buffer .* not in live wasm memory/);
    expect(() => argsort(new WasmF64(2 ** 30, 1000))).toThrow(/^buffer: /);
  });

  it('rejects a mark that is not live', () => {
    expect(() => release(-1)).toThrow(/^mark: /);
  });
});

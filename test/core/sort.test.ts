import { describe, expect, it } from 'vitest';
import { argsort } from '../../src/core/sort.js';
import { argsortRef } from '../../src/core/sort.ref.js';
import { RmsimError } from '../../src/errors.js';

describe('argsort', () => {
  it('sorts ascending and keeps equal keys in input order', () => {
    expect(Array.from(argsort([3, 1, 2, 1, 3, 0]))).toEqual([5, 1, 3, 2, 0, 4]);
  });
  it('handles empty and one-element input', () => {
    expect(argsort([]).length).toBe(0);
    expect(Array.from(argsort([7]))).toEqual([0]);
  });
  it('matches the TypeScript reference on data with many ties', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 97) / 7);
    expect(Array.from(argsort(keys))).toEqual(Array.from(argsortRef(keys)));
  });
  it('rejects NaN naming the argument and index', () => {
    expect(() => argsort([1, NaN])).toThrow(RmsimError);
    expect(() => argsort([1, NaN])).toThrow(/keys: element 1 is NaN/);
  });
});

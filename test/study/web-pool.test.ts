// webWorkerPool in a browser is tested in headless Chromium (test/browser/chromium.test.ts); here,
// what it says where there are no Web Workers (Node's main thread) and to bad sizes.
import { describe, expect, it } from 'vitest';
import { webWorkerPool } from '../../src/study/web-pool.js';

describe('webWorkerPool', () => {
  it('refuses a size that is not a positive integer, naming it', () => {
    for (const n of [Number.NaN, 0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => webWorkerPool(n), String(n)).toThrow(/^workers: must be an integer ≥ 1/);
    }
  });

  it('in Node, where there are no Web Workers, names the pool to use instead', () => {
    expect(typeof globalThis.Worker).toBe('undefined');
    expect(() => webWorkerPool(2)).toThrow("workers: there are no Web Workers here; in Node use workerPool(n) from 'rmsim/node'");
  });
});

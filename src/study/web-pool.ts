/**
 * The browser's ProxyPool: a study's proxies evaluated in Web Workers (web-worker.ts), one wasm
 * instance each, compiled from the same module as the page's, handed out as dispatch.ts does for
 * every pool. Rows are the same as in one thread or in Node's worker threads:
 * `runStudy(config, { pool: webWorkerPool(2) })`.
 *
 * `new Worker(new URL('./web-worker.js', import.meta.url), { type: 'module' })` is the form that
 * bundlers (vite, webpack, Parcel, esbuild's plugins) recognize and bundle as a worker entry.
 */
import { loadedModule } from '../core/wasm.js';
import { invalid, RmsimError } from '../errors.js';
import { dispatch, type WorkerReply, type WorkerStart } from './dispatch.js';
import type { ProxyPool } from './run.js';

/** True where Web Workers exist (a page, a worker, Deno, Bun; not Node's main thread). */
function hasWebWorkers(): boolean {
  return typeof globalThis.Worker === 'function';
}

/** Evaluate indices 0..count-1 of the study `config` in `workers` Web Workers; rows in index order. */
function runInWebWorkers(config: unknown, count: number, workers: number, onProgress?: (done: number, total: number) => void) {
  const start: WorkerStart = { config, wasm: loadedModule() };
  return dispatch(
    count,
    workers,
    (events) => {
      const w = new Worker(new URL('./web-worker.js', import.meta.url), { type: 'module', name: 'rmsim-study' });
      w.onmessage = (e: MessageEvent<WorkerReply>) => events.reply(e.data);
      w.onmessageerror = () => events.fail(new RmsimError('WASM_LOAD', 'a study Web Worker could not read a message'));
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        events.fail(new RmsimError('WASM_LOAD', `a study Web Worker failed: ${e.message || 'its script did not load'}`));
      };
      w.postMessage(start);
      return { send: (msg) => w.postMessage(msg), terminate: () => w.terminate() };
    },
    onProgress,
  );
}

/**
 * A pool of `workers` Web Workers for `runStudy` in a browser (each builds the study context
 * once), at most `navigator.hardwareConcurrency`. Where there are no Web Workers (Node) it throws
 * and names the pool to use there.
 */
export function webWorkerPool(workers: number): ProxyPool {
  if (!Number.isInteger(workers) || workers < 1) invalid('workers', `must be an integer ≥ 1, got ${workers}`);
  if (!hasWebWorkers()) invalid('workers', "there are no Web Workers here; in Node use workerPool(n) from 'rmsim/node'");
  const cores = globalThis.navigator?.hardwareConcurrency;
  const size = Number.isInteger(cores) && cores >= 1 ? Math.min(workers, cores) : workers;
  return {
    size,
    evaluate: (config, count, onProgress) => runInWebWorkers(config, count, size, onProgress),
  };
}

/**
 * Evaluates the proxies 0..count-1 of a study on a pool of worker_threads (worker.ts), one wasm
 * instance per worker, handing out indices on demand (so a slow proxy does not idle the others).
 * Results are returned in index order: the output never depends on the worker count or
 * scheduling. Node only: `runStudy(config, { pool: workerPool(2) })`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadedModule } from '../core/wasm.js';
import type { Row } from '../data/row.js';
import { invalid, RmsimError, type RmsimErrorJson } from '../errors.js';
import type { ProxyPool } from './run.js';

export interface PoolOptions {
  workers: number;
  /** Called after each finished index, in completion order. */
  onProgress?: (done: number, total: number) => void;
}

// The worker runs compiled JavaScript: from src/study/ (tests) and dist/study/ (the CLI) alike
// this URL is <package root>/dist/study/worker.js, since src/ and dist/ are siblings.
const WORKER_URL = new URL('../../dist/study/worker.js', import.meta.url);

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'result'; index: number; value: unknown }
  | { kind: 'error'; index: number; error: RmsimErrorJson }
  | { kind: 'bug'; index: number; message: string; stack?: string };

/**
 * The parent's Node flags minus those that only make sense for the parent's own entry (a worker
 * given `--input-type` or `--eval` refuses to load its file).
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (/^--input-type(=|$)/.test(a)) {
      if (!a.includes('=')) i++;
    } else if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') i++;
    else if (!/^--(eval|print)=/.test(a)) out.push(a);
  }
  return out;
}

/** Evaluate indices 0..count-1 of the study `config` in `workers` threads; results in index order. */
export async function runInWorkers<T>(config: unknown, count: number, opts: PoolOptions): Promise<T[]> {
  if (!Number.isInteger(count) || count < 0) invalid('count', `must be an integer ≥ 0, got ${count}`);
  if (!Number.isInteger(opts?.workers) || opts.workers < 1) invalid('workers', `must be an integer ≥ 1, got ${opts?.workers}`);
  const results: T[] = new Array(count);
  let next = 0;
  let done = 0;
  const nWorkers = Math.max(1, Math.min(opts.workers, count));
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      };
      const feed = (w: Worker) => {
        if (failed) return;
        if (next < count) w.postMessage({ kind: 'run', index: next++ });
        else if (done === count) resolve();
      };
      for (let k = 0; k < nWorkers; k++) {
        // the workers instantiate this thread's compiled core, whatever init() was given here
        const w = new Worker(WORKER_URL, { workerData: { config, wasm: loadedModule() }, execArgv: workerExecArgv() });
        workers.push(w);
        w.on('message', (msg: WorkerReply) => {
          if (msg.kind === 'ready') return feed(w);
          if (msg.kind === 'error') return fail(RmsimError.fromJSON(msg.error));
          if (msg.kind === 'bug') {
            const err = new Error(msg.message); // a bug in a worker: keep its stack for RMSIM_DEBUG
            err.stack = msg.stack;
            return fail(err);
          }
          results[msg.index] = msg.value as T;
          done++;
          opts.onProgress?.(done, count);
          if (done === count) resolve();
          else feed(w);
        });
        w.on('error', (err) => fail(err));
        w.on('exit', (code) => {
          if (code !== 0 && done < count) fail(new RmsimError('WASM_ABORT', `study worker exited with code ${code}`));
        });
      }
      if (count === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * A pool of `workers` worker threads for `runStudy` (each builds the study context once), at
 * most one a core: more threads than cores (or proxies) only add contexts to build.
 */
export function workerPool(workers: number): ProxyPool {
  if (!Number.isInteger(workers) || workers < 1) invalid('workers', `must be an integer ≥ 1, got ${workers}`);
  const size = Math.min(workers, availableParallelism());
  return {
    size,
    evaluate: (config, count, onProgress) => runInWorkers<Row>(config, count, { workers: size, onProgress }),
  };
}

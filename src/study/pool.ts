/**
 * Evaluates the proxies 0..count-1 of a study on a pool of worker_threads (worker.ts), one wasm
 * instance per worker, handed out as dispatch.ts does for every pool: rows in index order,
 * whatever the worker count. Node only: `runStudy(config, { pool: workerPool(2) })`; a browser
 * has webWorkerPool (web-pool.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadedModule } from '../core/wasm.js';
import type { Row } from '../data/row.js';
import { invalid, RmsimError } from '../errors.js';
import { dispatch, type WorkerStart } from './dispatch.js';
import type { ProxyPool } from './run.js';

export interface PoolOptions {
  workers: number;
  /** Called after each finished index, in completion order. */
  onProgress?: (done: number, total: number) => void;
}

// The worker runs compiled JavaScript: from src/study/ (tests) and dist/study/ (the CLI) alike
// this URL is <package root>/dist/study/worker.js, since src/ and dist/ are siblings.
const WORKER_URL = new URL('../../dist/study/worker.js', import.meta.url);

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

/** Evaluate indices 0..count-1 of the study `config` in `workers` threads; rows in index order. */
export async function runInWorkers(config: unknown, count: number, opts: PoolOptions): Promise<Row[]> {
  if (!Number.isInteger(opts?.workers) || opts.workers < 1) invalid('workers', `must be an integer ≥ 1, got ${opts?.workers}`);
  const start: WorkerStart = { config, wasm: loadedModule() }; // the workers run this thread's compiled core
  return dispatch(
    count,
    opts.workers,
    (events) => {
      const w = new Worker(WORKER_URL, { workerData: start, execArgv: workerExecArgv() });
      w.on('message', events.reply);
      w.on('error', events.fail);
      w.on('exit', (code) => {
        if (code !== 0) events.fail(new RmsimError('WASM_ABORT', `study worker exited with code ${code}`));
      });
      return { send: (msg) => w.postMessage(msg), terminate: () => w.terminate() };
    },
    opts.onProgress,
  );
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
    evaluate: (config, count, onProgress) => runInWorkers(config, count, { workers: size, onProgress }),
  };
}

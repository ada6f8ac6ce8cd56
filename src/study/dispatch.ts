/**
 * How a study's proxies are handed out to workers and evaluated there, whatever a worker is: a
 * Node worker thread (pool.ts, worker.ts) or a browser's Web Worker (web-pool.ts, web-worker.ts).
 *
 * The parent starts each worker with the config and its compiled core; the worker loads that same
 * .wasm, builds the study context once and says `ready`; the parent then hands out one proxy
 * index at a time, on demand (a slow proxy does not idle the others), and puts each row at its
 * index. Rows come back in index order: the output never depends on the worker count or on
 * scheduling. Nothing here names a platform.
 */
import { init } from '../core/wasm.js';
import type { Row } from '../data/row.js';
import { invalid, RmsimError, type RmsimErrorJson } from '../errors.js';
import { evaluateProxy, prepareStudy, type StudyContext } from './run.js';

/** What a worker starts from: the study config and the parent's compiled core (so both run the same .wasm). */
export interface WorkerStart {
  config: unknown;
  wasm: WebAssembly.Module;
}

export type WorkerRequest = { kind: 'run'; index: number };

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'result'; index: number; value: unknown }
  | { kind: 'error'; index: number; error: RmsimErrorJson }
  | { kind: 'bug'; index: number; message: string; stack?: string };

/** A started worker as the parent sees it. */
export interface WorkerHandle {
  send(msg: WorkerRequest): void;
  terminate(): unknown;
}

/** What a worker's events are turned into by its platform's `spawn`. */
export interface WorkerEvents {
  reply(msg: WorkerReply): void;
  /** the worker died or could not start (not an error of a proxy's evaluation) */
  fail(err: Error): void;
}

/**
 * Evaluate indices 0..count-1 in `workers` workers made by `spawn` (capped at `count`); rows in
 * index order. The first error stops the run; every worker is terminated before this returns.
 */
export async function dispatch(
  count: number,
  workers: number,
  spawn: (events: WorkerEvents) => WorkerHandle,
  onProgress?: (done: number, total: number) => void,
): Promise<Row[]> {
  if (!Number.isInteger(count) || count < 0) invalid('count', `must be an integer ≥ 0, got ${count}`);
  if (!Number.isInteger(workers) || workers < 1) invalid('workers', `must be an integer ≥ 1, got ${workers}`);
  const results: Row[] = new Array(count);
  let next = 0;
  let done = 0;
  const started: WorkerHandle[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      };
      const feed = (w: WorkerHandle) => {
        if (failed) return;
        if (next < count) w.send({ kind: 'run', index: next++ });
        else if (done === count) resolve();
      };
      for (let k = 0; k < Math.min(workers, count); k++) {
        const w: WorkerHandle = spawn({
          reply(msg) {
            if (msg.kind === 'ready') return feed(w);
            if (msg.kind === 'error') return fail(RmsimError.fromJSON(msg.error));
            if (msg.kind === 'bug') {
              const err = new Error(msg.message); // a bug in a worker: keep its stack for RMSIM_DEBUG
              err.stack = msg.stack;
              return fail(err);
            }
            results[msg.index] = msg.value as Row;
            done++;
            onProgress?.(done, count);
            if (done === count) resolve();
            else feed(w);
          },
          fail,
        });
        started.push(w);
      }
      if (count === 0) resolve();
    });
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
  return results;
}

const asReply = (index: number, err: unknown): WorkerReply =>
  err instanceof RmsimError
    ? { kind: 'error', index, error: err.toJSON() }
    : {
        kind: 'bug',
        index,
        message: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      };

/**
 * The worker's half: load the parent's core, build the study context, post `ready` (or the error
 * that stopped it), and return the handler that answers each request with a row.
 */
export async function serveStudy(start: WorkerStart, post: (msg: WorkerReply) => void): Promise<(msg: WorkerRequest) => void> {
  let ctx: StudyContext | null = null;
  try {
    await init(start.wasm);
    ctx = prepareStudy(start.config as Parameters<typeof prepareStudy>[0]);
    post({ kind: 'ready' });
  } catch (err) {
    post(asReply(-1, err));
  }
  return (msg) => {
    try {
      post({ kind: 'result', index: msg.index, value: evaluateProxy(ctx!, msg.index) });
    } catch (err) {
      post(asReply(msg.index, err));
    }
  };
}

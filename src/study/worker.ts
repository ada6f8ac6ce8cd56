/** A study worker thread: builds the study context once, then evaluates proxies on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { init } from '../core/wasm.js';
import { RmsimError } from '../errors.js';
import type { WorkerReply } from './pool.js';
import { evaluateProxy, prepareStudy, type StudyContext } from './run.js';

const port = parentPort!;
const post = (msg: WorkerReply) => port.postMessage(msg);
const asError = (index: number, err: unknown): WorkerReply =>
  err instanceof RmsimError
    ? { kind: 'error', index, error: err.toJSON() }
    : {
        kind: 'bug',
        index,
        message: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      };

let ctx: StudyContext | null = null;
try {
  await init(workerData.wasm);
  ctx = prepareStudy(workerData.config);
  post({ kind: 'ready' });
} catch (err) {
  post(asError(-1, err));
}

port.on('message', (msg: { kind: 'run'; index: number }) => {
  try {
    post({ kind: 'result', index: msg.index, value: evaluateProxy(ctx!, msg.index) });
  } catch (err) {
    post(asError(msg.index, err));
  }
});

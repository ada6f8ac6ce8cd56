/**
 * A study Web Worker (browser): its first message is the WorkerStart (config and the page's
 * compiled core); then it serves the requests of web-pool.ts as dispatch.ts describes.
 */
import { serveStudy, type WorkerRequest, type WorkerStart } from './dispatch.js';

let answer: ((msg: WorkerRequest) => void) | null = null;
addEventListener('message', async (e: MessageEvent<WorkerStart | WorkerRequest>) => {
  if (answer) return answer(e.data as WorkerRequest);
  // serveStudy posts `ready` and returns at once: answer is set before the first request can arrive
  answer = await serveStudy(e.data as WorkerStart, (msg) => postMessage(msg));
});

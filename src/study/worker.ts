/** A study worker thread (Node): serves the requests of pool.ts as dispatch.ts describes. */
import { parentPort, workerData } from 'node:worker_threads';
import { serveStudy } from './dispatch.js';

const port = parentPort!;
const answer = await serveStudy(workerData, (msg) => port.postMessage(msg));
port.on('message', answer);

/** Node-only library API: files in and out (`import { writeRun } from 'rmsim/node'`). */

export { readConfigFile } from './io/config.js';
export { prepareFolder, writeFolderAtomic } from './io/files.js';
export { isRunFolder, prepareRunFolder, rowsJsonl, type WrittenRun, writeRun } from './study/output.js';
export { runInWorkers, workerPool } from './study/pool.js';

/** Node-only library API: files in and out (`import { writeRun } from 'rmsim/node'`). */
export { writeRun, rowsJsonl, isRunFolder, prepareRunFolder, type WrittenRun } from './study/output.js';
export { readConfigFile } from './io/config.js';
export { prepareFolder, writeFolderAtomic } from './io/files.js';
export { runInWorkers } from './study/pool.js';

/** Node-only library API: files in and out (`import { writeRun } from 'rmsim/node'`). */
export { writeRun, rowsJsonl, type WrittenRun } from './study/output.js';
export { readConfigFile } from './io/config.js';
export { writeFileAtomic, writeFolderAtomic } from './io/files.js';
export { runInWorkers } from './study/pool.js';

/**
 * `rmsim/node`: what needs Node — config files in, run folders out (atomic, never over other
 * files), and the worker-thread pool for `runStudy(config, { pool: workerPool(n) })`.
 */
export { readConfigFile } from './io/config.js';
export { checkFolder, type OpenFolder, openFolder, writeFolderAtomic } from './io/files.js';
export { checkRunFolder, isRunFolder, openRunFolder, type WrittenRun, writeRun } from './study/output.js';
export { runInWorkers, workerPool } from './study/pool.js';

/** rmsim's public library API. */
export { RmsimError, type RmsimErrorCode } from './errors.js';
export * from './core/index.js';

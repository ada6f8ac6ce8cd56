// The typed kernel API of the wasm core (re-exported by src/index.ts).
export * from './memory.js';
export * from './stream.js';
export * from './sort.js';
export { wasmHash, wasmByteLength } from './wasm.js';

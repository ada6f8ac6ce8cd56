// Every test file runs with the wasm core loaded (the library does nothing on import; see
// test/core/wasm.test.ts for what happens without init()).
import { init } from '../src/core/wasm.js';

await init();

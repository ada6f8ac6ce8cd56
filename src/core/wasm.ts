/**
 * The one module that loads rmsim.wasm: compiled and instantiated once (top-level await), in
 * Node (read from disk) or a browser (fetched next to this module). Everything else reaches the
 * kernels through `wasm` and the memory helpers in `memory.ts`.
 */
import { RmsimError } from '../errors.js';

/** Raw exports of the AssemblyScript core (see assembly/index.ts). Pointers are byte offsets. */
export type WasmExports = WebAssembly.Exports & {
  memory: WebAssembly.Memory;
  heapBase(): number;
  [kernel: string]: unknown;
};

// src/core/ and dist/core/ are both two levels below the package root, beside build/.
const WASM_URL = new URL('../../build/rmsim.wasm', import.meta.url);

let memoryRef: WebAssembly.Memory | null = null;

/** Decode an AssemblyScript string (UTF-16LE, byte length stored 4 bytes before it). */
function readAsString(ptr: number): string {
  if (!memoryRef || ptr === 0) return '';
  const buf = memoryRef.buffer;
  const bytes = new Uint32Array(buf, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(buf, ptr, bytes >>> 1));
}

const imports = {
  env: {
    abort(msg: number, file: number, line: number, col: number): never {
      throw new RmsimError('WASM_ABORT', `wasm core aborted: ${readAsString(msg)} (${readAsString(file)}:${line}:${col})`);
    },
  },
};

async function readBytes(): Promise<Uint8Array<ArrayBuffer>> {
  if (WASM_URL.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    try {
      const file = await readFile(WASM_URL);
      return new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    } catch {
      throw new RmsimError('WASM_LOAD', `cannot read ${WASM_URL.pathname}: run \`npm run build\` first`);
    }
  }
  const res = await fetch(WASM_URL);
  if (!res.ok) throw new RmsimError('WASM_LOAD', `cannot fetch ${WASM_URL.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function instantiate(): Promise<{ exports: WasmExports; bytes: Uint8Array<ArrayBuffer> }> {
  const bytes = await readBytes();
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, imports);
  const exports = instance.exports as WasmExports;
  memoryRef = exports.memory;
  return { exports, bytes };
}

const loaded = await instantiate();

/** The kernels' exports. Never cache a view over `wasm.memory.buffer`: use memory.ts. */
export const wasm: WasmExports = loaded.exports;

/** SHA-256 (hex) of the loaded .wasm bytes: result files name the core that produced them. */
export async function wasmHash(): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', loaded.bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads the .wasm at a URL, in Node: a file: URL from disk, anything else with fetch. A bundler
 * building for a browser takes wasm-url.browser.ts instead (package.json "browser"), so a page
 * never reaches node:fs.
 */
import { RmsimError } from '../errors.js';
import { fetchWasm } from './wasm-url.browser.js';

export async function readWasmUrl(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  if (url.protocol !== 'file:') return fetchWasm(url);
  const { readFile } = await import('node:fs/promises');
  try {
    const file = await readFile(url);
    return new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  } catch {
    throw new RmsimError('WASM_LOAD', `cannot read ${decodeURIComponent(url.pathname)}: run \`npm run build\` first`);
  }
}

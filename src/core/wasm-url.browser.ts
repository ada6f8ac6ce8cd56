/** Fetches the .wasm at a URL: what a browser (and a bundle built for one) does; wasm-url.ts adds file: URLs for Node. */
import { RmsimError } from '../errors.js';

export async function fetchWasm(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new RmsimError('WASM_LOAD', `cannot fetch ${url.href} (${(err as Error).message})`, { cause: err });
  }
  if (!res.ok) throw new RmsimError('WASM_LOAD', `cannot fetch ${url.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The browser's readWasmUrl: every URL is fetched (a page opened from file:// cannot fetch one; pass the bytes to init). */
export const readWasmUrl = fetchWasm;

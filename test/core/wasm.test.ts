/**
 * Loading the core: nothing happens on import, init() loads and checks it, kernels refuse to run
 * before. Each case runs in a fresh Node process on dist/ (built by npm test), since this test
 * process already has the core loaded (test/setup.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Run an ES module snippet with `core` = dist/core/index.js; returns what it printed. */
function run(body: string): string {
  const code = `const core = await import('./dist/core/index.js');\n${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

/** A minimal .wasm that exports one page of memory and nothing else. */
const MEMORY_ONLY = [0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, 109, 101, 109, 111, 114, 121, 2, 0];

describe('init()', () => {
  it('is needed: importing does no work, and a kernel called first says what to do', () => {
    const out = run(`
      console.log(core.isReady());
      try { core.argsort([2, 1]); } catch (e) { console.log(e.code, e.message); }
      await core.init();
      console.log(core.isReady(), Array.from(core.argsort([2, 1])).join(','));`);
    expect(out.split('\n')).toEqual([
      'false',
      'WASM_NOT_READY the wasm core is not loaded: `await init()` first (import { init } from rmsim)',
      'true 1,0',
    ]);
  });

  it('takes the .wasm as bytes or as a compiled module', () => {
    const out = run(`
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync('build/rmsim.wasm');
      await core.init(new WebAssembly.Module(bytes));
      console.log(Array.from(core.argsort([3, 1, 2])).join(','), await core.wasmHash());`);
    expect(out).toBe('1,2,0 unknown');
    const fromBytes = run(`
      const { readFileSync } = await import('node:fs');
      await core.init(readFileSync('build/rmsim.wasm'));
      console.log((await core.wasmHash()).length);`);
    expect(fromBytes).toBe('64');
  });

  it('refuses a .wasm that lacks the kernels, then loads the right one when asked again', () => {
    const out = run(`
      try { await core.init(new Uint8Array(${JSON.stringify(MEMORY_ONLY)})); } catch (e) { console.log(e.code, e.message); }
      await core.init();
      console.log(core.isReady());`);
    expect(out.split('\n')).toEqual([
      "WASM_LOAD the .wasm has no export 'heapBase': it is not the core this rmsim expects (rebuild with npm run build)",
      'true',
    ]);
  });

  it('names the file it cannot read', () => {
    const out = run(`try { await core.init(new URL('file:///nonexistent/rmsim.wasm')); } catch (e) { console.log(e.code, e.message); }`);
    expect(out).toBe('WASM_LOAD cannot read /nonexistent/rmsim.wasm: run `npm run build` first');
  });
});

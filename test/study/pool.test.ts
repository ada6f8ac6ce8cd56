import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('workerPool', () => {
  it('works from a process started with --input-type=module -e (the workers do not inherit those flags)', () => {
    const code = `
      import { init, preset, runStudy } from './dist/index.js';
      import { workerPool } from './dist/node.js';
      await init();
      const r = await runStudy(preset('quick'), { pool: workerPool(2) });
      console.log(r.rows.length);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('12');
  });

  it("hands the parent's compiled core to the workers (init was given a module, not the default file)", () => {
    const code = `
      import { readFileSync } from 'node:fs';
      import { init, preset, rowsJsonl, runStudy } from './dist/index.js';
      import { workerPool } from './dist/node.js';
      await init(new WebAssembly.Module(readFileSync('build/rmsim.wasm')));
      const one = await runStudy(preset('quick'));
      const two = await runStudy(preset('quick'), { pool: workerPool(2) });
      console.log(rowsJsonl(one) === rowsJsonl(two));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true');
  });
});

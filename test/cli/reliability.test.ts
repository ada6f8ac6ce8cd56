// The run folder under kills and a second writer, with real processes: the compiled bin (npm test
// builds it first) is started, stopped at chosen moments, and the folder inspected. The moments
// inside the final write come from the test hook RMSIM_TEST_PAUSE (src/io/files.ts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listing, tempDir } from '../helpers/folders.js';
import { smallStudy } from '../study/fixtures.js';

const BIN = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

/** A study that takes a few seconds to evaluate, so that a test can stop it while it does. */
function slowConfig(dir: string): string {
  const c = smallStudy() as Record<string, unknown>;
  c.world = { optPrompts: 400, evalPrompts: 400, poolSize: 64, evalPoolSize: 8 };
  c.population = { random: [{ family: 'noise', count: 400, scale: { accuracy: [0.6, 0.9] } }] };
  c.designs = [{ name: 'main', prompts: 400, k: 2 }];
  c.replicates = 2;
  const path = join(dir, 'slow.json');
  writeFileSync(path, JSON.stringify(c));
  return path;
}

/** A quick study (well under a second). */
function quickConfig(dir: string, seed = 11): string {
  const path = join(dir, `quick-${seed}.json`);
  writeFileSync(path, JSON.stringify({ ...smallStudy(), seed }));
  return path;
}

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Children still running when a test ends (it failed early) are killed, not left paused for a minute. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
});

function start(config: string, out: string, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, 'study', '--config', config, '--out', out, '--quiet', '--workers', '1'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, stderr: () => err, exited };
}

function runToEnd(config: string, out: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, 'study', '--config', config, '--out', out, '--quiet', '--workers', '1'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

async function waitFor(what: string, ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!ready()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A run folder's files and their contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of listing(dir)) {
    const rel = entry.replace(/ \d+$/, '');
    if (!rel.endsWith('/')) out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

describe('two writers, one run folder', () => {
  it('runs exactly one: the second exits 2 at once with one line, before any work', async () => {
    const dir = tempDir('rmsim-lock-');
    const out = join(dir, 'run');
    const first = start(slowConfig(dir), out);
    await waitFor('the first run to take the lock', () => existsSync(join(dir, '.run.lock')));
    const t0 = Date.now();
    const second = runToEnd(quickConfig(dir), out);
    const secondMs = Date.now() - t0;
    expect(second.status).toBe(2);
    const lines = second.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^rmsim: ${out}: is being written by another rmsim \\(pid ${first.child.pid} on .+, since .+\\); wait for it or choose another run folder \\(a lock not renewed for 30 s is taken over\\)$`,
      ),
    );
    expect(existsSync(out)).toBe(false); // the second wrote nothing
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(secondMs).toBeLessThan(2000); // refused on reading the lock, before the world is built
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(11);
    expect(readdirSync(dir).sort()).toEqual(['quick-11.json', 'run', 'slow.json']);
  });
});

describe('a run stopped by a signal', () => {
  it('SIGKILL while evaluating: no run folder; the next run takes over the stale lock and leaves only its folder', async () => {
    const dir = tempDir('rmsim-kill-');
    const out = join(dir, 'new', 'deeper', 'run');
    const run = start(slowConfig(dir), out);
    const parent = join(dir, 'new', 'deeper');
    // the lock in place and its aside file gone (a kill in between leaves that too; the next run removes it)
    await waitFor('the lock', () => existsSync(parent) && readdirSync(parent).join() === '.run.lock');
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    expect(readdirSync(parent)).toEqual(['.run.lock']); // a dead writer's lock: taken over next time
    const next = runToEnd(quickConfig(dir), out);
    expect(next.stderr).toBe('');
    expect(next.status).toBe(0);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('SIGKILL while the new folder is complete but not yet in place: the old run stays, the next run removes the temporary', async () => {
    const dir = tempDir('rmsim-kill-');
    const out = join(dir, 'run');
    expect(runToEnd(quickConfig(dir, 1), out).status).toBe(0);
    const old = snapshot(out);
    const run = start(quickConfig(dir, 2), out, { RMSIM_TEST_PAUSE: 'before-renames:60000' });
    await waitFor('the pause before the renames', () => run.stderr().includes('paused before-renames'));
    run.child.kill('SIGKILL');
    await run.exited;
    expect(snapshot(out)).toEqual(old);
    expect(readdirSync(dir).sort()).toEqual(['.run.lock', `.run.tmp-${run.child.pid}`, 'quick-1.json', 'quick-2.json', 'run']);
    expect(runToEnd(quickConfig(dir, 3), out).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['quick-1.json', 'quick-2.json', 'quick-3.json', 'run']);
  });

  it('SIGKILL between the two renames: the old run is intact aside, and the next run puts it back before anything else', async () => {
    const dir = tempDir('rmsim-kill-');
    const out = join(dir, 'run');
    expect(runToEnd(quickConfig(dir, 1), out).status).toBe(0);
    const old = snapshot(out);
    const run = start(quickConfig(dir, 2), out, { RMSIM_TEST_PAUSE: 'between-renames:60000' });
    await waitFor('the pause between the renames', () => run.stderr().includes('paused between-renames'));
    run.child.kill('SIGKILL');
    await run.exited;
    const pid = run.child.pid;
    // the one window a SIGKILL can hit: X is absent, the old run whole at .X.old-<pid>
    expect(existsSync(out)).toBe(false);
    expect(snapshot(join(dir, `.run.old-${pid}`))).toEqual(old);
    expect(JSON.parse(readFileSync(join(dir, `.run.tmp-${pid}`, 'config.json'), 'utf8')).seed).toBe(2);
    // the next writer restores the old run as it opens the folder: seen while it pauses before its own renames
    const next = start(quickConfig(dir, 3), out, { RMSIM_TEST_PAUSE: 'before-renames:1500' });
    await waitFor('the next run to pause', () => next.stderr().includes('paused before-renames'));
    expect(snapshot(out)).toEqual(old);
    expect(readdirSync(dir).filter((n) => n.includes(String(pid)))).toEqual([]);
    expect((await next.exited).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['quick-1.json', 'quick-2.json', 'quick-3.json', 'run']);
  });

  it('SIGTERM while evaluating: exit 143 with one line, and nothing left, not even the parents it made', async () => {
    const dir = tempDir('rmsim-term-');
    const out = join(dir, 'new', 'deeper', 'run');
    const run = start(slowConfig(dir), out);
    await waitFor('the lock', () => existsSync(join(dir, 'new', 'deeper', '.run.lock')));
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(143);
    expect(run.stderr()).toBe('rmsim: stopped by SIGTERM\n');
    expect(readdirSync(dir)).toEqual(['slow.json']);
  });

  it('SIGINT between the two renames lets the write finish: the new run is in place, nothing else', async () => {
    const dir = tempDir('rmsim-int-');
    const out = join(dir, 'run');
    expect(runToEnd(quickConfig(dir, 1), out).status).toBe(0);
    const run = start(quickConfig(dir, 2), out, { RMSIM_TEST_PAUSE: 'between-renames:1000' });
    await waitFor('the pause between the renames', () => run.stderr().includes('paused between-renames'));
    run.child.kill('SIGINT');
    // the write is synchronous, so the signal is seen only after it: the run has completed
    expect((await run.exited).code).toBe(0);
    expect(run.stderr()).not.toMatch(/stopped/);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['quick-1.json', 'quick-2.json', 'run']);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/folders.js';
import { smallStudy } from '../study/fixtures.js';

// The CLI in-process (main(argv, io)); a few cases spawn the compiled bin as users run it, for
// exit codes and streams (npm test builds before vitest runs).
const BIN = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
const spawnBin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = bufferIo();
  const status = await main(args, io);
  return { status, stdout: io.out(), stderr: io.err() };
}
const tmp = () => tempDir('rmsim-cli-');

describe('rmsim theory', () => {
  it('prints the closed forms as JSON', async () => {
    const out = JSON.parse(
      execFileSync(process.execPath, [BIN, 'theory', '--accuracy', '0.75', '--n', '1,16', '--json'], { encoding: 'utf8' }),
    );
    expect(out.rho).toBeCloseTo(Math.SQRT1_2, 12);
    expect(out.kendall).toBeCloseTo(0.5, 12);
    expect(out.bon.map((b: { n: number }) => b.n)).toEqual([1, 16]);
    expect(out.bon[1].klBound).toBeCloseTo(Math.log(16) - 15 / 16, 12);
  });

  it('rejects an accuracy outside (0.5, 1) with one line and exit code 2', async () => {
    const r = spawnBin('theory', '--accuracy', '1.2');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rmsim: --accuracy: /);
  });

  it('rejects a bad number in a list naming the option', async () => {
    const r = await run('theory', '--rho', '0.5', '--n', '4,abc');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("rmsim: --n: 'abc' is not a number");
  });
});

describe('rmsim study', () => {
  it('runs a config file and writes the run folder', async () => {
    const dir = tmp();
    const cfg = join(dir, 'study.json');
    writeFileSync(cfg, JSON.stringify(smallStudy()));
    const out = join(dir, 'run');
    const r = await run('study', '--config', cfg, '--out', out, '--quiet', '--workers', '2');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['config.json', 'rows.jsonl', 'summary.json', 'tables.md', 'report.html'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      kind: 'rmsim-config',
      seed: 11,
      version: expect.any(String),
      wasmHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(config.run.files).toEqual(readdirSync(out).sort()); // what a later run may replace, and nothing else
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    // the closing lines name each best entry with the entries its paired interval cannot separate from it
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const lines = r.stdout.split('\n');
    const best = lines.flatMap((l, i) =>
      l.trim().startsWith('best: ') ? [{ line: l, outcome: /vs NDR of (\S+):/.exec(lines[i - 1])?.[1] }] : [],
    );
    expect(best.length).toBeGreaterThan(0);
    for (const { line, outcome } of best) {
      const o = summary.leaderboard.outcomes.find(
        (o: { outcome: string; quantity: string }) => o.outcome === outcome && o.quantity === 'ndr',
      );
      expect(o, line).toBeDefined();
      expect(line).toContain(`best: ${o.entries[0].metric} on ${o.entries[0].design} (`);
      const k = o.tiedWithTop.length;
      expect(line).toContain(k === 0 ? '(no other entry is not distinguishable from it)' : `(${k} other entr`);
    }
  });

  it('names the file and field of a bad config, exits 2 and writes nothing', async () => {
    const dir = tmp();
    const cfg = join(dir, 'bad.json');
    const bad = smallStudy();
    bad.world!.poolSize = 0;
    writeFileSync(cfg, JSON.stringify(bad));
    const out = join(dir, 'run');
    const r = spawnBin('study', '--config', cfg, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json: world\.poolSize: /);
    expect(existsSync(out)).toBe(false);
  });

  it('names the line of a YAML syntax error', async () => {
    const dir = tmp();
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'name: x\nworld:\n  poolSize: [1, 2\n');
    const r = await run('study', '--config', cfg, '--out', join(dir, 'run'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: invalid YAML/);
  });

  it('says which file it cannot read', async () => {
    const r = await run('study', '--config', '/nonexistent/study.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('rmsim: /nonexistent/study.yaml: cannot read (ENOENT)');
  });

  it('reads a JSON config that starts with a byte-order mark', async () => {
    const dir = tmp();
    const cfg = join(dir, 'study.json');
    writeFileSync(cfg, `\uFEFF${JSON.stringify(smallStudy())}`);
    const r = await run('study', '--config', cfg, '--out', join(dir, 'run'), '--quiet', '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--dry-run checks everything, says what would run, and writes nothing', async () => {
    const dir = tmp();
    const cfg = join(dir, 'study.json');
    writeFileSync(cfg, JSON.stringify(smallStudy()));
    const out = join(dir, 'new', 'run');
    const r = await run('study', '--config', cfg, '--out', out, '--dry-run', '--workers', '1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^study 'small': 14 proxies, 3 eval designs, 3 eval draws; estimated memory \\d+ MiB with 1 worker \\(limit 4\\.0 GiB\\); would write ${out}; nothing written\n$`,
      ),
    );
    expect(readdirSync(dir)).toEqual(['study.json']);
  });

  it('uses at most one worker a core, and records the workers it used', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const r = await run('study', '--preset', 'quick', '--out', out, '--quiet', '--workers', '256');
    expect(r.status).toBe(0);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.run.workers).toBe(availableParallelism());
  });

  it('rejects an unknown preset', async () => {
    const r = await run('study', '--preset', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rmsim: --preset: unknown preset 'nope' \(known: paper, quick\)/);
  });
});

describe('rmsim config', () => {
  it('prints a preset as YAML that study --config runs', async () => {
    const dir = tmp();
    const r = await run('config', '--preset', 'quick');
    expect(r.status).toBe(0);
    writeFileSync(join(dir, 'quick.yaml'), r.stdout);
    const s = await run('study', '--config', join(dir, 'quick.yaml'), '--out', join(dir, 'run'), '--quiet');
    expect(s.stderr).toBe('');
    expect(s.status).toBe(0);
  });
  it('prints the config reference', async () => {
    expect((await run('config', '--reference')).stdout).toMatch(/^# rmsim study config reference/);
  });
});

describe('usage errors', () => {
  for (const args of [['study', '--bogus'], ['theory', '--accuracy'], ['config', '--bogus'], ['nope'], ['study', '--workers', 'abc']]) {
    it(`${args.join(' ')} → one 'rmsim:' line, exit 2`, async () => {
      const r = await run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rmsim: /);
    });
  }

  it('refuses to replace a folder that is not an earlier run, before running anything', async () => {
    const dir = tmp();
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'keep');
    const r = await run('study', '--preset', 'quick', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `rmsim: ${out}: exists and is not an earlier run folder (or holds files rmsim did not write); choose another or remove it`,
    );
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('replaces an earlier run folder', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    expect((await run('study', '--preset', 'quick', '--out', out, '--quiet')).status).toBe(0);
    expect((await run('study', '--preset', 'quick', '--out', out, '--quiet')).status).toBe(0);
  });
});

describe('rmsim --version', () => {
  it('prints the version in package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect((await run('--version')).stdout.trim()).toBe(pkg.version);
    expect(spawnBin('--version').stdout.trim()).toBe(pkg.version);
  });
});

/**
 * The bad-input corpus (cases.yaml): each case is a command line, with a config built for it,
 * and the exact first line of the error it must give. `runCase` builds the case in a fresh
 * folder, runs the in-process CLI, and reports what came out and what changed on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { listing } from '../helpers/folders.js';
import { smallStudy } from '../study/fixtures.js';

export interface Case {
  name: string;
  /** the command line; default `study --config $CONFIG --out $OUT --quiet` when the case has a config */
  argv?: string[];
  /** the config file's raw text (written as is) */
  text?: string;
  /** or: the small study (test/study/fixtures.ts) with these changes, written as JSON */
  set?: Record<string, unknown>;
  delete?: string[];
  /** or: a generated config (see GENERATORS) */
  generate?: { kind: keyof typeof GENERATORS; n: number };
  /** start the config file with a byte-order mark */
  bom?: boolean;
  /** make the config a named pipe (no config text then) */
  fifo?: boolean;
  /** files to put in the case's folder first (relative path → content) */
  files?: Record<string, string>;
  /** symbolic links to make in the case's folder first (relative path → target) */
  links?: Record<string, string>;
  /** the config file's name (default study.json, or study.yaml for `text`) */
  file?: string;
  /** the first line of stderr, with $DIR, $CONFIG and $OUT substituted */
  error: string;
  /** the exit code (default 2) */
  exit?: number;
  /** a huge request: refused in well under a second, without growing the process */
  huge?: boolean;
}

export const CASES: Case[] = parse(readFileSync(new URL('./cases.yaml', import.meta.url), 'utf8'));

/** Set `value` at a path like `world.poolSize` or `designs[0].k` (creating objects on the way). */
function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let o = obj as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    o[k] ??= {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

function deletePath(obj: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let o = obj as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  delete o[keys[keys.length - 1]];
}

/** Configs too big to write out in cases.yaml. */
const GENERATORS = {
  /** n explicit noise proxies */
  proxies: (n: number) => {
    const c = smallStudy() as Record<string, unknown>;
    c.population = { proxies: Array.from({ length: n }, () => ({ family: 'noise' })) };
    return JSON.stringify(c);
  },
  /** n distinct fixed tilt β values */
  betas: (n: number) => {
    const c = smallStudy() as Record<string, unknown>;
    setPath(
      c,
      'optimizers.tilt.beta',
      Array.from({ length: n }, (_, i) => 1 + i / n),
    );
    return JSON.stringify(c);
  },
  /** the small study padded with spaces to n bytes */
  bytes: (n: number) => {
    const text = JSON.stringify(smallStudy());
    return text + ' '.repeat(Math.max(0, n - text.length));
  },
};

export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
  expected: string;
  before: string[];
  after: string[];
  ms: number;
  /** growth of the process's peak resident memory during the case, in MB */
  peakGrowthMB: number;
}

/** Build the case in `dir` and run it through the in-process CLI. */
export async function runCase(c: Case, dir: string): Promise<Outcome> {
  const file = c.file ?? (c.text !== undefined ? 'study.yaml' : 'study.json');
  const config = join(dir, file);
  const out = join(dir, 'new', 'deeper', 'run');
  const hasConfig = c.text !== undefined || c.set !== undefined || c.delete !== undefined || c.generate !== undefined || c.fifo === true;
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  for (const [rel, to] of Object.entries(c.links ?? {})) symlinkSync(to.replaceAll('$DIR', dir), join(dir, rel));
  if (c.fifo) execFileSync('mkfifo', [config]);
  else if (c.text !== undefined) writeFileSync(config, c.text);
  else if (c.generate) writeFileSync(config, GENERATORS[c.generate.kind](c.generate.n));
  else if (hasConfig) {
    const cfg = smallStudy() as Record<string, unknown>;
    for (const [path, value] of Object.entries(c.set ?? {})) setPath(cfg, path, value);
    for (const path of c.delete ?? []) deletePath(cfg, path);
    writeFileSync(config, JSON.stringify(cfg));
  }
  if (c.bom) writeFileSync(config, `\uFEFF${readFileSync(config, 'utf8')}`);
  const sub = (s: string) => s.replaceAll('$DIR', dir).replaceAll('$CONFIG', config).replaceAll('$OUT', out);
  const argv = (c.argv ?? (hasConfig ? ['study', '--config', '$CONFIG', '--out', '$OUT', '--quiet'] : [])).map(sub);
  const before = listing(dir);
  const io = bufferIo();
  const peak0 = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const status = await main(argv, io);
  const ms = performance.now() - t0;
  const peakGrowthMB = (process.resourceUsage().maxRSS - peak0) / 1024;
  return { status, stdout: io.out(), stderr: io.err(), expected: sub(c.error), before, after: listing(dir), ms, peakGrowthMB };
}

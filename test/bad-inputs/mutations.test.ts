// Random mutations of a valid config (fast-check): delete a key, change a type, scale a number
// by 10^k, inject NaN or ∞. Whatever comes out, rmsim answers with exit 0 or with one 'rmsim:'
// line naming the config file and exit 2: never a stack trace, never exit 1, never a file left.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { listing, tempDir } from '../helpers/folders.js';
import { smallStudy } from '../study/fixtures.js';

const root = tempDir('rmsim-mutations-');
const tmp = join(root, 'tmp');
mkdirSync(tmp);
process.env.TMPDIR = tmp;

type Key = string | number;

/** The path of every value in `v` (objects and arrays included). */
function paths(v: unknown, prefix: Key[] = []): Key[][] {
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, child]) => {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    return [p, ...paths(child, p)];
  });
}

const parentOf = (obj: unknown, path: Key[]) =>
  path.slice(0, -1).reduce((o, k) => (o as Record<Key, unknown>)[k], obj) as Record<Key, unknown>;

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'type', 'scale', 'nan', 'infinity'),
  k: fc.integer({ min: -4, max: 8 }),
  value: fc.constantFrom<unknown>('x', '', true, null, [], {}, -1, 0, 1.5, 2 ** 53),
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

/** The small study with `mutations` applied in turn; sizes scaled by at most 10^maxK. */
function mutate(mutations: Mutation[], maxK: number): unknown {
  const cfg = smallStudy() as unknown;
  for (const m of mutations) {
    const all = paths(cfg);
    if (all.length === 0) break;
    const path = all[m.at % all.length];
    const parent = parentOf(cfg, path);
    const key = path[path.length - 1];
    const old = parent[key];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.kind === 'scale' && typeof old === 'number') parent[key] = old * 10 ** Math.min(m.k, maxK);
    else if (m.kind === 'nan') parent[key] = Number.NaN;
    else if (m.kind === 'infinity') parent[key] = Number.POSITIVE_INFINITY;
    else parent[key] = structuredClone(m.value);
  }
  return cfg;
}

let n = 0;
async function check(mutations: Mutation[], maxK: number, extra: string[]): Promise<void> {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  const config = join(dir, 'study.yaml');
  writeFileSync(config, stringify(mutate(mutations, maxK)));
  const out = join(dir, 'new', 'run');
  const before = listing(dir);
  const tmpBefore = listing(tmp);
  const io = bufferIo();
  const status = await main(['study', '--config', config, '--out', out, '--quiet', '--workers', '1', ...extra], io);
  const what = `${JSON.stringify(mutations)} → exit ${status}: ${io.err()}`;
  expect([0, 2], what).toContain(status);
  expect(listing(tmp), what).toEqual(tmpBefore);
  if (status === 2) {
    expect(io.err(), what).toMatch(new RegExp(`^rmsim: ${config}[:]`));
    expect(io.err().trimEnd().split('\n'), what).toHaveLength(1);
    expect(io.out(), what).toBe('');
    expect(listing(dir), what).toEqual(before);
  } else if (extra.includes('--dry-run')) {
    expect(listing(dir), what).toEqual(before);
  } else {
    // the run folder and its parent, and nothing else: no temporary, no lock
    const outside = listing(dir).filter((f) => !/^new\/run\/./.test(f));
    expect(outside.sort(), what).toEqual([...before, 'new/', 'new/run/'].sort());
  }
}

describe('mutated configs', () => {
  it('are checked (--dry-run) with one line or exit 0, whatever the mutation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (ms) => check(ms, 8, ['--dry-run'])),
      { numRuns: 300 },
    );
  });

  it('run, or fail leaving nothing, when their sizes stay small enough to run here', async () => {
    // scaled by at most 10: a size 10^8 times larger is refused or checked above, and running it is a benchmark
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 2 }), (ms) => check(ms, 1, [])),
      { numRuns: 25 },
    );
  });
});

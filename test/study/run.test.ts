import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { summaryJson } from '../../src/analysis/summary.js';
import { scoped } from '../../src/core/memory.js';
import { RmsimError } from '../../src/errors.js';
import { runInWorkers, workerPool } from '../../src/study/pool.js';
import { PRESETS } from '../../src/study/presets.js';
import { checkStudy, prepareStudy, rowsJsonl, runStudy } from '../../src/study/run.js';
import { parseStudy } from '../../src/study/schema.js';
import { buildWorld } from '../../src/world/world.js';
import { smallStudy } from './fixtures.js';

/** Average ranks (ties share the mean rank), written independently of src/analysis. */
function ranks(x: number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let t = i; t <= j; t++) r[idx[t]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}
function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Kendall τ_b by direct O(n²) counting. */
function kendallTauB(x: number[], y: number[]): number {
  let c = 0,
    d = 0,
    tx = 0,
    ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (s > 0) c++;
      else if (s < 0) d++;
      else if (x[i] === x[j] && y[i] !== y[j]) tx++;
      else if (y[i] === y[j] && x[i] !== x[j]) ty++;
    }
  }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

describe('runStudy', () => {
  it('writes one row per proxy with metrics per design and outcomes per optimizer', async () => {
    const res = await runStudy(smallStudy());
    expect(res.rows.map((r) => r.id).slice(0, 3)).toEqual(['gold', 'wide', 'noise-000']);
    expect(res.rows).toHaveLength(14);
    const row = res.rows[2];
    expect(Object.keys(row.metrics)).toEqual(['main', 'k4', 'bins']);
    expect(Object.keys(row.outcomes)).toEqual(['bon@2', 'bon@8', 'bon-wr@2', 'bon-wr@8', 'tilt@kl=0.5', 'tilt@beta=1']);
    expect(row.resampled.main.accuracy).toHaveLength(2); // replicates 1..R−1
    // gold is its own normalizer: NDR 1 everywhere, accuracy 1 on gold-labelled pairs
    for (const o of Object.values(res.rows[0].outcomes)) expect(o.ndr).toBeCloseTo(1, 12);
    expect(res.rows[0].metrics.main.accuracy).toBe(1);
  });

  it('summary correlations equal the ones recomputed from rows.jsonl', async () => {
    const res = await runStudy(smallStudy());
    const lines = rowsJsonl(res)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'rmsim-rows', seed: 11 });
    const rows = lines.slice(1).filter((r) => r.family !== 'gold');
    for (const outcome of ['bon@8', 'tilt@kl=0.5']) {
      const acc = rows.map((r) => r.metrics.main.accuracy as number);
      const ndr = rows.map((r) => r.outcomes[outcome].ndr as number);
      const entry = res.summary.correlations.find(
        (e) => e.design === 'main' && e.metric === 'accuracy' && e.outcome === outcome && e.quantity === 'ndr',
      );
      expect(entry, `no summary entry for ${outcome}`).toBeDefined();
      expect(entry!.pearson.value).toBeCloseTo(pearson(acc, ndr), 5);
      expect(entry!.spearman.value).toBeCloseTo(pearson(ranks(acc), ranks(ndr)), 5);
      expect(entry!.kendall.value).toBeCloseTo(kendallTauB(acc, ndr), 5);
      // every correlation carries a bootstrap interval over proxies (100 resamples here)
      for (const m of ['pearson', 'spearman', 'kendall'] as const) {
        expect(entry![m].lo).toBeGreaterThanOrEqual(-1);
        expect(entry![m].lo).toBeLessThanOrEqual(entry![m].hi);
        expect(entry![m].hi).toBeLessThanOrEqual(1);
      }
      expect(entry!.resamples).toBe(100);
    }
  });

  it('gives the same rows.jsonl and summary.json bytes with 1 and 2 workers', async () => {
    const one = await runStudy(smallStudy());
    const two = await runStudy(smallStudy(), { pool: workerPool(2) });
    expect(rowsJsonl(two)).toBe(rowsJsonl(one));
    expect(summaryJson(two.summary)).toBe(summaryJson(one.summary));
  });

  it('changes the rows when the seed changes', async () => {
    const a = await runStudy({ ...smallStudy(), seed: 1 });
    const b = await runStudy({ ...smallStudy(), seed: 2 });
    expect(rowsJsonl(a)).not.toBe(rowsJsonl(b));
  });

  it('evaluates one proxy the same whatever else the population holds', () => {
    const full = prepareStudy(smallStudy());
    const cfg = smallStudy();
    cfg.population = { proxies: [cfg.population!.proxies![1]] };
    const alone = prepareStudy(cfg);
    expect(alone.proxies[0]).toEqual(full.proxies[1]);
  });
});

describe('parseStudy rejects bad configs with one line naming the field', () => {
  const cases: [string, (c: ReturnType<typeof smallStudy>) => void, RegExp][] = [
    ['an unknown key', (c) => ((c as Record<string, unknown>).wrold = {}), /^wrold: unknown key/],
    ['a zero size', (c) => (c.world!.poolSize = 0), /^world\.poolSize: /],
    ['a negative size', (c) => (c.world!.optPrompts = -5), /^world\.optPrompts: /],
    ['n > K', (c) => (c.optimizers!.bon!.n = [2, 32]), /^optimizers\.bon\.n\[1\]: 32 exceeds world\.poolSize \(16\)/],
    ['β ≤ 0', (c) => (c.optimizers!.tilt!.beta = [0]), /^optimizers\.tilt\.beta\[0\]: /],
    ['a KL a pool cannot reach', (c) => (c.optimizers!.tilt!.kl = [3]), /^optimizers\.tilt\.kl\[0\]: 3 nats/],
    ['an empty population', (c) => (c.population = {}), /^population: the population is empty/],
    [
      'a k ≥ 3 metric on a k = 2 design',
      (c) => (c.designs![0].metrics = ['accuracy', 'kendall']),
      /^designs\[0\]\.k: metric 'kendall' needs k ≥ 3/,
    ],
    ['k larger than the eval pool', (c) => (c.designs![1].k = 9), /^designs\[1\]\.k: 9 exceeds the eval pool size \(8\)/],
    ['an unknown outcome to analyse', (c) => (c.analysis = { outcomes: ['bon@3'] }), /^analysis\.outcomes\[0\]: 'bon@3' is not an outcome/],
    ['no designs', (c) => (c.designs = []), /^designs: /],
    ['a repeated n', (c) => (c.optimizers!.bon!.n = [2, 8, 2]), /^optimizers\.bon\.n\[2\]: 2 is listed twice/],
    ['a name that is not a folder name', (c) => (c.name = '../escape'), /^name: letters, digits/],
  ];
  for (const [what, mutate, message] of cases) {
    it(`rejects ${what}`, () => {
      const c = smallStudy();
      mutate(c);
      let err: unknown;
      try {
        parseStudy(c);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RmsimError);
      expect((err as RmsimError).code).toBe('CONFIG');
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    });
  }
});

it('parseStudy rejects a config that is not a mapping', () => {
  expect(() => parseStudy(null)).toThrow(/^config: must be a mapping of fields .* got null$/);
  expect(() => parseStudy([1])).toThrow(/^config: must be a mapping .* got a list$/);
});

describe('eval-set replicates', () => {
  it('are built on independent draws of eval prompts and responses (replicate 0 on world.eval)', () => {
    const ctx = scoped(() => prepareStudy(smallStudy()));
    expect(ctx.evalPools).toHaveLength(3);
    expect(ctx.evalPools[0]).toBe(ctx.world.eval);
    const g0 = ctx.evalPools[0].gold;
    const g1 = ctx.evalPools[1].gold;
    expect(g1.length).toBe(g0.length);
    let same = 0;
    for (let i = 0; i < g0.length; i++) same += +(g0[i] === g1[i]);
    expect(same).toBe(0);
    // and deterministic: the same draw when built again
    expect(scoped(() => prepareStudy(smallStudy())).evalPools[2].gold).toEqual(ctx.evalPools[2].gold);
  });
});

describe('presets', () => {
  for (const [name, p] of Object.entries(PRESETS)) {
    it(`${name} is a valid config`, () => {
      expect(() => parseStudy(p.config)).not.toThrow();
    });
  }
});

it('runStudy refuses the old workers option, and unknown options, naming them', async () => {
  await expect(runStudy(smallStudy(), { workers: 2 } as never)).rejects.toThrow(/^options\.workers: runStudy takes a pool instead/);
  await expect(runStudy(smallStudy(), { pools: 2 } as never)).rejects.toThrow(/^options\.pools: unknown option/);
  await expect(runStudy(smallStudy(), { maxMemory: Number.NaN })).rejects.toThrow(
    /^options\.maxMemory: must be a number of bytes > 0, got NaN/,
  );
  await expect(runStudy(smallStudy(), null as never)).rejects.toThrow(/^options: must be an object, got null/);
  await expect(runStudy(smallStudy(), { onStart: 5 } as never)).rejects.toThrow(/^options\.onStart: must be a function/);
  // a pool whose size is not a count would make the memory estimate NaN, which no limit refuses
  for (const pool of [{}, { size: Number.NaN, evaluate: () => Promise.resolve([]) }, { size: 2 }]) {
    await expect(checkStudy(smallStudy(), { pool: pool as never, maxMemory: 1 })).rejects.toThrow(/^options\.pool: must be a ProxyPool/);
  }
});

it('a worker count that is not a positive integer is refused, never a run that does not settle', async () => {
  for (const n of [Number.NaN, 0, -1, 1.5, Number.POSITIVE_INFINITY]) {
    expect(() => workerPool(n), String(n)).toThrow(/^workers: must be an integer ≥ 1/);
    await expect(runInWorkers(smallStudy(), 3, { workers: n }), String(n)).rejects.toThrow(/^workers: must be an integer ≥ 1/);
  }
  expect(workerPool(10_000).size).toBe(availableParallelism());
});

it('refuses a study past its memory limit before allocating, naming the field that makes it large', async () => {
  const huge = { ...smallStudy(), replicates: 1000, world: { optPrompts: 60, evalPrompts: 65536, poolSize: 16, evalPoolSize: 1024 } };
  await expect(runStudy(huge)).rejects.toMatchObject({ code: 'CONFIG', field: 'replicates' });
  await expect(runStudy(smallStudy(), { maxMemory: 2 ** 20 })).rejects.toThrow(/over the limit of 1\.0 MiB/);
  const plan = await checkStudy(smallStudy());
  expect(plan.proxies).toHaveLength(14);
  expect(plan.workers).toBe(0);
  expect(plan.estimate.total(plan.workers)).toBeGreaterThan(plan.estimate.context);
});

describe('a resolved config', () => {
  it('is parsed once: frozen, and returned as it is by every later parse', () => {
    const cfg = parseStudy(smallStudy());
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.world)).toBe(true);
    expect(parseStudy(cfg)).toBe(cfg);
    expect(() => {
      (cfg.world as { poolSize: number }).poolSize = 3;
    }).toThrow(TypeError);
    // recognized only by the schema that resolved it: a section is no study config
    expect(() => parseStudy(cfg.world)).toThrow(RmsimError);
    expect(() => buildWorld(cfg.population as never, 1)).toThrow(/^world\.proxies: unknown key/);
  });
});

import { describe, expect, it } from 'vitest';
import { pairwiseAccuracy } from '../../src/core/pairs.js';
import { uniformRef } from '../../src/core/rng.ref.js';
import { Stream } from '../../src/core/stream.js';
import { RmsimError } from '../../src/errors.js';
import {
  expandPopulation,
  gaussianAccuracy,
  type PopulationConfigInput,
  type ProxySpec,
  populationSchema,
  proxySpecSchema,
  scaleForAccuracy,
} from '../../src/proxy/index.js';
import { buildWorld } from '../../src/world/world.js';
import { scoreBoth } from '../helpers/proxies.js';
import { undocumentedFields } from '../helpers/schema.js';
import { expectWithin } from '../helpers/stats.js';

const noiseParams = (s: ProxySpec) => (s.family === 'noise' ? s.params : null)!;

function configError(pop: unknown, message: RegExp): void {
  let err: unknown;
  try {
    expandPopulation(pop as never, 1);
  } catch (e) {
    err = e;
  }
  expect(err, `expected a CONFIG error matching ${message}`).toBeInstanceOf(RmsimError);
  expect((err as RmsimError).code).toBe('CONFIG');
  expect((err as RmsimError).message).toMatch(message);
}

describe('gaussianAccuracy / scaleForAccuracy', () => {
  it('gives A = ¾ at scale 1 and A = 1 at scale 0, and inverts each other', () => {
    expectWithin(gaussianAccuracy(1), 0.75, 1e-15, 'A(1)');
    expect(gaussianAccuracy(0)).toBe(1);
    expect(scaleForAccuracy(1)).toBe(0);
    expectWithin(scaleForAccuracy(0.75), 1, 1e-15, 'scale(¾)');
    for (const A of [0.55, 0.6, 0.7, 0.8, 0.9, 0.95]) expectWithin(gaussianAccuracy(scaleForAccuracy(A)), A, 1e-12, `A = ${A}`);
    // gold sd 2 doubles the scale at the same accuracy
    expectWithin(scaleForAccuracy(0.8, 2), 2 * scaleForAccuracy(0.8), 1e-14, 'gold sd 2');
  });
});

describe('expandPopulation', () => {
  it('keeps explicit ids, fills defaults and numbers the others per family in config order', () => {
    const specs = expandPopulation(
      {
        proxies: [
          { family: 'gold' },
          { family: 'noise', params: { scale: 0.5 } },
          { id: 'mine', family: 'noise' },
          { family: 'transform' },
        ],
        random: [{ family: 'noise', count: 2, scale: 1 }],
      },
      1,
    );
    expect(specs.map((s) => s.id)).toEqual(['gold-000', 'noise-000', 'mine', 'transform-000', 'noise-001', 'noise-002']);
    expect(specs[1]).toEqual({
      id: 'noise-000',
      family: 'noise',
      params: { scale: 0.5, error: 'normal', nu: 3, hetero: 'none', heteroStrength: 0, dispersion: 0 },
    });
    expect(specs[4].params).toEqual(specs[2].params); // scale 1, everything else default
  });

  it('draws each parameter from its own named stream: uniform, log-uniform, choice and accuracy', () => {
    const seed = 17;
    const n = 5;
    const specs = expandPopulation(
      {
        random: [
          {
            family: 'noise',
            count: n,
            scale: { accuracy: [0.6, 0.9] },
            error: ['normal', 'laplace', 'student-t'],
            nu: { logUniform: [1, 10] },
            heteroStrength: { uniform: [-1, 3] },
            dispersion: { choice: [0, 0.25] },
          },
        ],
      },
      seed,
    );
    const u = (name: string) => uniformRef(Stream.from(seed, 'population', 'random', 0, name), n);
    const [us, ue, un, uh, ud] = ['scale', 'error', 'nu', 'heteroStrength', 'dispersion'].map(u);
    specs.forEach((s, j) => {
      const p = noiseParams(s);
      expectWithin(p.scale, scaleForAccuracy(0.6 + 0.3 * us[j]), 1e-12, `scale[${j}]`);
      expect(p.error).toBe(['normal', 'laplace', 'student-t'][Math.floor(3 * ue[j])]);
      expectWithin(p.nu, Math.exp(Math.log(10) * un[j]), 1e-12, `nu[${j}]`);
      expectWithin(p.heteroStrength, -1 + 4 * uh[j], 1e-12, `heteroStrength[${j}]`);
      expect(p.dispersion).toBe([0, 0.25][Math.floor(2 * ud[j])]);
      expect(p.hetero).toBe('none');
    });
  });

  it('is deterministic in (config, seed) and changes with the seed', () => {
    const pop: PopulationConfigInput = {
      random: [
        { family: 'noise', count: 20, error: ['normal', 'student-t'], nu: { uniform: [1.5, 6] } },
        { family: 'transform', count: 10, fn: ['exp', 'tanh', 'affine'], a: { logUniform: [0.1, 2] } },
      ],
    };
    const a = JSON.stringify(expandPopulation(pop, 5));
    expect(JSON.stringify(expandPopulation(pop, 5))).toBe(a);
    expect(JSON.stringify(expandPopulation(pop, 6))).not.toBe(a);
  });

  it('spans the requested ranges', () => {
    const specs = expandPopulation(
      {
        random: [
          {
            family: 'noise',
            count: 400,
            scale: { accuracy: [0.55, 0.95] },
            error: ['normal', 'laplace', 'student-t'],
            hetero: ['none', 'rank', 'value'],
            heteroStrength: { uniform: [0, 2] },
          },
          {
            family: 'transform',
            count: 300,
            fn: ['affine', 'exp', 'tanh', 'power'],
            a: { logUniform: [0.1, 10] },
            power: { uniform: [0.5, 2] },
          },
        ],
      },
      3,
    );
    const noise = specs.filter((s) => s.family === 'noise').map(noiseParams);
    const acc = noise.map((p) => gaussianAccuracy(p.scale));
    expect(Math.min(...acc)).toBeGreaterThanOrEqual(0.55);
    expect(Math.max(...acc)).toBeLessThanOrEqual(0.95);
    // 400 uniform draws: the extremes lie within 0.01 of the ends with probability 1 − 2·0.975^400 > 0.9999
    expect(Math.min(...acc)).toBeLessThan(0.56);
    expect(Math.max(...acc)).toBeGreaterThan(0.94);
    // every band of width 0.05 is populated
    for (let lo = 0.55; lo < 0.95 - 1e-9; lo += 0.05)
      expect(
        acc.some((a) => a >= lo && a < lo + 0.05),
        `band ${lo}`,
      ).toBe(true);
    for (const kind of ['normal', 'laplace', 'student-t'])
      expect(
        noise.some((p) => p.error === kind),
        kind,
      ).toBe(true);
    for (const mode of ['none', 'rank', 'value'])
      expect(
        noise.some((p) => p.hetero === mode),
        mode,
      ).toBe(true);
    const hs = noise.map((p) => p.heteroStrength);
    expect(Math.min(...hs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...hs)).toBeLessThan(2);
    const tr = specs.flatMap((s) => (s.family === 'transform' ? [s.params] : []));
    const as = tr.map((p) => p.a);
    expect(Math.min(...as)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...as)).toBeLessThan(10);
    // log-uniform: about half below the geometric midpoint 1
    const below = as.filter((a) => a < 1).length;
    expectWithin(below / as.length, 0.5, 4 * Math.sqrt(0.25 / as.length), 'fraction of a below 1');
    for (const fn of ['affine', 'exp', 'tanh', 'power'])
      expect(
        tr.some((p) => p.fn === fn),
        fn,
      ).toBe(true);
  });

  it("gives measured accuracies that follow each proxy's nominal Gaussian accuracy across 0.55–0.95", () => {
    const specs = expandPopulation({ random: [{ family: 'noise', count: 12, scale: { accuracy: [0.55, 0.95] } }] }, 21);
    const w = buildWorld({ optPrompts: 2, poolSize: 2, evalPrompts: 3000, evalPoolSize: 2 }, 21);
    const m = 3000; // one independent pair per eval prompt
    const ga = Float64Array.from({ length: m }, (_, j) => w.eval.gold[2 * j]);
    const gb = Float64Array.from({ length: m }, (_, j) => w.eval.gold[2 * j + 1]);
    for (const s of specs) {
      const { eval: r } = scoreBoth(s, w, 21);
      const pa = Float64Array.from({ length: m }, (_, j) => r[2 * j]);
      const pb = Float64Array.from({ length: m }, (_, j) => r[2 * j + 1]);
      const A = gaussianAccuracy(noiseParams(s).scale);
      const acc = pairwiseAccuracy(ga, gb, pa, pb, 'strict').accuracy;
      expectWithin(acc, A, 4 * Math.sqrt((A * (1 - A)) / m), `${s.id} accuracy`);
    }
  });
});

describe('populationSchema', () => {
  it('rejects an empty population, naming the field', () => {
    configError({}, /^population: the population is empty/);
    configError({ proxies: [], random: [] }, /^population: the population is empty/);
  });

  it('rejects unknown keys, zero counts and bad ranges, naming the field', () => {
    configError({ proxy: [] }, /^population\.proxy: unknown key$/);
    configError({ random: [{ family: 'noise', count: 0 }] }, /^population\.random\[0\]\.count: count must be ≥ 1$/);
    configError({ random: [{ family: 'noise', count: 2.5 }] }, /^population\.random\[0\]\.count: count must be an integer$/);
    configError({ random: [{ family: 'noise', count: 2, scael: 1 }] }, /^population\.random\[0\]\.scael: unknown key$/);
    configError({ random: [{ family: 'noise', count: 2, error: [] }] }, /^population\.random\[0\]\.error/);
    configError(
      { random: [{ family: 'noise', count: 2, nu: { normal: [0, 1] } }] },
      /^population\.random\[0\]\.nu: expected a number or one of/,
    );
    configError({ random: [{ family: 'gold', count: 2 }] }, /^population\.random\[0\]\.family: /);
    configError({ proxies: [{ family: 'noise', params: { scale: -1 } }] }, /^population\.proxies\[0\]\.params\.scale: scale must be ≥ 0$/);
  });

  it('rejects drawn values outside a parameter’s domain, naming the block field and the value', () => {
    configError(
      { random: [{ family: 'noise', count: 3, scale: { uniform: [-2, -1] } }] },
      /^population\.random\[0\]\.scale: drawn value -1\.\d+ is invalid: scale must be ≥ 0$/,
    );
    configError(
      { random: [{ family: 'transform', count: 3, base: { nu: 0.5 } }] },
      /^population\.random\[0\]\.base\.nu: drawn value 0\.5 is invalid/,
    );
    configError({ random: [{ family: 'noise', count: 3, scale: { uniform: [2, 1] } }] }, /^population\.random\[0\]\.scale/);
  });

  it('rejects duplicate ids, naming both places', () => {
    configError(
      { proxies: [{ id: 'noise-000', family: 'gold' }], random: [{ family: 'noise', count: 1 }] },
      /^population\.random\[0\] draw 0: duplicate proxy id 'noise-000' \(also population\.proxies\[0\]\)$/,
    );
  });

  it('documents every field, down to the family parameters', () => {
    expect(undocumentedFields(populationSchema, 'population')).toEqual([]);
    expect(undocumentedFields(proxySpecSchema, 'proxy')).toEqual([]);
  });
});

/**
 * The demo's study, from the page's controls: a pure function, so the page and the browser test
 * (test/browser/chromium.test.ts, which computes the same study with the Node library) build the same
 * config from the same values.
 */
import type { StudyConfigInput } from 'rmsim';

/** The error families the page offers: proxy = gold + scale · error, error of this shape. */
export const FAMILIES: Record<string, { label: string; params: Record<string, unknown> }> = {
  normal: { label: 'Gaussian', params: { error: 'normal' } },
  t2: { label: 'Student-t, ν = 2 (heavy tails)', params: { error: 'student-t', nu: 2 } },
  t3: { label: 'Student-t, ν = 3', params: { error: 'student-t', nu: 3 } },
  laplace: { label: 'Laplace, per-prompt dispersion 0.5', params: { error: 'laplace', dispersion: 0.5 } },
  hetero: { label: 'Gaussian, larger where gold is high', params: { error: 'normal', hetero: 'rank', heteroStrength: 2 } },
};

/** The values of the page's controls. */
export interface Controls {
  family: string;
  scale: number;
  k: number;
  prompts: number;
  n: number;
  seed: number;
}

type Control = { default: number | string; choices?: readonly (number | string)[]; min?: number; max?: number; step?: number };

/** The controls and their ranges; the values a page starts with. */
export const CONTROLS: Record<keyof Controls, Control> = {
  family: { default: 'normal', choices: Object.keys(FAMILIES) },
  scale: { default: 1, min: 0.1, max: 4, step: 0.1 },
  k: { default: 2, min: 2, max: 16, step: 1 },
  prompts: { default: 200, min: 20, max: 2000, step: 10 },
  n: { default: 64, choices: [4, 8, 16, 32, 64, 128, 256] },
  seed: { default: 1, min: 0, max: 2 ** 32 - 1, step: 1 },
};

export const PROXIES = 24;

/** Best-of-n for n = 1, 2, 4, …, n: the overoptimization curve's points. */
export const nGrid = (n: number): number[] => Array.from({ length: Math.log2(n) + 1 }, (_, i) => 2 ** i);

/**
 * The study config for control values `c`: one gold reference and PROXIES proxies of one error
 * family whose error scales are spread uniformly over [scale/2, 2·scale] (so their accuracies
 * spread; uniform, not log-uniform: a draw through Math.exp/Math.log could differ in its last bit
 * between JavaScript engines, and the page must give Node's numbers bit for bit), one eval design (prompts × k responses, all pairs, accuracy), best-of-n (the unbiased estimator over each pool) for n = 1, 2, 4, …, n.
 */
export function demoConfig(c: Controls): StudyConfigInput {
  return {
    name: 'web-demo',
    seed: c.seed,
    world: { optPrompts: 200, evalPrompts: c.prompts, poolSize: Math.max(c.n, 16), evalPoolSize: Math.max(c.k, 16) },
    population: {
      proxies: [{ id: 'gold', family: 'gold', params: {} }],
      random: [{ family: 'noise', count: PROXIES, scale: { uniform: [c.scale / 2, c.scale * 2] }, ...FAMILIES[c.family].params }],
    },
    designs: [{ name: 'main', prompts: c.prompts, k: c.k, metrics: ['accuracy'] }],
    replicates: 1,
    optimizers: { bon: { n: nGrid(c.n), estimators: ['without'] }, tilt: { kl: [], beta: [] } },
    analysis: { bootstrap: 500, theoryDesign: 'main', outcomes: [`bon@${c.n}`] },
  };
}

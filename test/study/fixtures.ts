import type { StudyConfigInput } from '../../src/study/schema.js';

/** A study small enough to run in a second or two, with every family and several designs. */
export function smallStudy(): StudyConfigInput {
  return {
    name: 'small',
    seed: 11,
    world: { optPrompts: 60, evalPrompts: 120, poolSize: 16, evalPoolSize: 8 },
    population: {
      proxies: [
        { id: 'gold', family: 'gold', params: {} },
        { id: 'wide', family: 'transform', params: { base: { scale: 0.8 }, fn: 'affine', a: 3 } },
      ],
      random: [
        { family: 'noise', count: 8, scale: { accuracy: [0.6, 0.9] } },
        { family: 'noise', count: 4, scale: { accuracy: [0.6, 0.9] }, error: 'student-t', nu: 2 },
      ],
    },
    designs: [
      { name: 'main', prompts: 120, k: 2 },
      { name: 'k4', prompts: 40, k: 4 },
      { name: 'bins', prompts: 60, k: 2, source: 'rank-bins', bins: 4, binA: 0, binB: 2 },
    ],
    replicates: 3,
    optimizers: { bon: { n: [2, 8] }, tilt: { kl: [0.5], beta: [1] } },
    analysis: { bootstrap: 100 },
  };
}

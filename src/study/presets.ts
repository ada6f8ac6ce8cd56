/**
 * Embedded study configs. `paper` (the default of `rmsim study` and `npm start`) tests the four
 * findings of Wen et al. (ICLR 2025) in this synthetic world; `quick` is a seconds-long smoke run.
 */
import { RmsimError } from '../errors.js';
import type { ReportConfigInput } from '../report/schema.js';
import type { StudyConfigInput } from './schema.js';

const band = { accuracy: [0.65, 0.85] as [number, number] };

/** A population that looks like real RMs: nominal accuracies in a band, several error shapes. */
const paperPopulation: StudyConfigInput['population'] = {
  proxies: [{ id: 'gold', family: 'gold', params: {} }],
  random: [
    // Gaussian error: on the theory line NDR = sin(π(A − ½)) when test pairs match the policy's samples.
    { family: 'noise', count: 80, scale: band, error: 'normal' },
    // Heavy tails (Kwa et al. 2024): at equal accuracy, a few huge errors are what best-of-n finds.
    { family: 'noise', count: 40, scale: band, error: 'student-t', nu: { uniform: [1.5, 4] } },
    // Heteroscedastic: larger error where gold is high, where the optimizer looks.
    { family: 'noise', count: 40, scale: band, error: 'normal', hetero: 'rank', heteroStrength: { uniform: [0.5, 3] } },
    // Laplace error with per-prompt dispersion of the error scale.
    { family: 'noise', count: 20, scale: band, error: 'laplace', dispersion: { uniform: [0, 0.8] } },
    // Same ranking, other scale: invisible to accuracy, decisive for tilt at a fixed β.
    { family: 'transform', count: 20, base: { scale: band }, fn: 'affine', a: { logUniform: [0.25, 4] } },
  ],
};

/** Metrics of the designs that vary one knob: accuracy, plus the per-prompt ones where k ≥ 3. */
const few = (k: number) => (k >= 3 ? ['accuracy', 'best-of-k', 'kendall'] : ['accuracy']);

/**
 * Eval designs for the four findings; `main` is the typical test set (one pair a prompt) and gets
 * every metric, the others the few that the finding is about.
 */
const paperDesigns: StudyConfigInput['designs'] = [
  { name: 'main', prompts: 500, k: 2 },
  // (2) responses per prompt at 100 prompts, all pairs
  ...[2, 4, 8, 16].map((k) => ({ name: `k${k}`, prompts: 100, k, metrics: few(k) })),
  // (2) prompts at k = 2
  ...[50, 200, 400, 800].map((m) => ({ name: `m${m}`, prompts: m, k: 2, metrics: few(2) })),
  // (3) a fixed budget of 400 labelled pairs (m400 is 400 × 1): prompts × pairs per prompt constant
  { name: 'pairs400-p2', prompts: 200, k: 3, pairing: 'random' as const, pairsPerPrompt: 2, metrics: few(3) },
  { name: 'pairs400-p4', prompts: 100, k: 4, pairing: 'random' as const, pairsPerPrompt: 4, metrics: few(4) },
  { name: 'pairs400-p8', prompts: 50, k: 5, pairing: 'random' as const, pairsPerPrompt: 8, metrics: few(5) },
  // (3) a fixed budget of 800 annotated responses (m400 is 400 × 2): prompts × k constant, all pairs of each ranked list
  { name: 'resp800-k4', prompts: 200, k: 4, metrics: few(4) },
  { name: 'resp800-k8', prompts: 100, k: 8, metrics: few(8) },
  { name: 'resp800-k16', prompts: 50, k: 16, metrics: few(16) },
  // distribution shift: where the test responses come from
  { name: 'shift-up', prompts: 500, k: 2, source: 'shifted' as const, shift: 1.5, metrics: few(2) },
  { name: 'shift-down', prompts: 500, k: 2, source: 'shifted' as const, shift: -1.5, metrics: few(2) },
  { name: 'bins-top', prompts: 500, k: 2, source: 'rank-bins' as const, bins: 4, binA: 0, binB: 1, metrics: few(2) },
  { name: 'bins-far', prompts: 500, k: 2, source: 'rank-bins' as const, bins: 4, binA: 0, binB: 3, metrics: few(2) },
  // benchmark formats: 1:(k−1) (RewardMATH-like), k×k (RM-Bench-like), noisy labels
  { name: 'best-vs-rest', prompts: 200, k: 10, pairing: 'best-vs-rest' as const },
  { name: 'chosen3-rejected3', prompts: 200, k: 6, pairing: 'chosen-rejected' as const, chosen: 3 },
  { name: 'flip20', prompts: 500, k: 2, labels: 'flip' as const, flipRate: 0.2, metrics: few(2) },
];

const paperTrends: NonNullable<ReportConfigInput['trends']> = [
  {
    title: '(2) More responses per prompt, at 100 prompts',
    designs: ['k2', 'k4', 'k8', 'k16'],
    ordered: true,
    outcome: 'bon@16',
    note: 'Each design labels all C(k, 2) pairs of k responses for the same 100 prompts.',
  },
  {
    title: '(2) More prompts, at k = 2',
    designs: ['m50', 'k2', 'm200', 'm400', 'main', 'm800'],
    ordered: true,
    outcome: 'bon@16',
    note: 'One pair a prompt; 50 to 800 prompts (k2 has 100, main 500).',
  },
  {
    title: '(3) A fixed budget of 400 labelled pairs',
    finding: 3,
    designs: ['m400', 'pairs400-p2', 'pairs400-p4', 'pairs400-p8'],
    ordered: true,
    outcome: 'bon@16',
    note: '400 × 1, 200 × 2, 100 × 4 and 50 × 8 (prompts × pairs a prompt): the budget counted in labelled pairs.',
  },
  {
    title: '(3) A fixed budget of 800 annotated responses',
    finding: 3,
    designs: ['m400', 'resp800-k4', 'resp800-k8', 'resp800-k16'],
    ordered: true,
    outcome: 'bon@16',
    note: '400 × 2, 200 × 4, 100 × 8 and 50 × 16 (prompts × responses ranked): a ranked list of k responses yields C(k, 2) pairs from k annotations.',
  },
  {
    title: 'Distribution shift: where the test responses come from',
    designs: ['main', 'shift-up', 'shift-down', 'bins-top', 'bins-far'],
    outcome: 'bon@16',
    note: "main samples the policy's own distribution; shift-up/down sample another model's (tilted towards higher/lower gold); bins-top pairs the top gold quarter with the second, bins-far the top with the bottom.",
  },
  {
    title: 'Benchmark formats and label noise',
    designs: ['main', 'best-vs-rest', 'chosen3-rejected3', 'flip20'],
    outcome: 'bon@16',
    note: 'best-vs-rest is 1:9 (RewardMATH-like), chosen3-rejected3 a 3 × 3 matrix (RM-Bench-like), flip20 main with 20% of labels flipped.',
  },
];

export const PRESETS: Record<string, { doc: string; config: StudyConfigInput }> = {
  paper: {
    doc: "Wen et al.'s four findings in a synthetic world: 200 proxies, 22 eval designs × 10 draws, best-of-n and tilt (about 15 s on 2 cores)",
    config: {
      name: 'paper',
      seed: 2025,
      world: { optPrompts: 1000, evalPrompts: 800, poolSize: 64, evalPoolSize: 16 },
      population: paperPopulation,
      designs: paperDesigns,
      replicates: 10,
      optimizers: { bon: { n: [2, 4, 8, 16, 32, 64], estimators: ['without', 'with'] }, tilt: { kl: [0.5, 1, 2], beta: [0.25, 1] } },
      analysis: { bootstrap: 1000, theoryDesign: 'main', outcomes: ['bon@16', 'bon@64', 'tilt@kl=1', 'tilt@beta=1'] },
      report: { trends: paperTrends },
    },
  },
  quick: {
    doc: 'a seconds-long smoke run: 12 proxies, 3 designs',
    config: {
      name: 'quick',
      seed: 7,
      world: { optPrompts: 100, evalPrompts: 200, poolSize: 32, evalPoolSize: 8 },
      population: {
        proxies: [{ id: 'gold', family: 'gold', params: {} }],
        random: [
          { family: 'noise', count: 6, scale: band },
          { family: 'noise', count: 5, scale: band, error: 'student-t', nu: 2 },
        ],
      },
      designs: [
        { name: 'main', prompts: 200, k: 2 },
        { name: 'k4', prompts: 50, k: 4 },
        { name: 'shift-up', prompts: 200, k: 2, source: 'shifted', shift: 1 },
      ],
      replicates: 2,
      optimizers: { bon: { n: [2, 8, 32] }, tilt: { kl: [1], beta: [1] } },
      analysis: { bootstrap: 200 },
    },
  },
};

export function preset(name: string): StudyConfigInput {
  const p = PRESETS[name];
  if (!p)
    throw new RmsimError('INVALID_ARGUMENT', `unknown preset '${name}' (known: ${Object.keys(PRESETS).join(', ')})`, { field: '--preset' });
  return structuredClone(p.config);
}

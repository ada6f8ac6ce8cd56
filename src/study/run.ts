/**
 * runStudy(config) → results: a pure function of the config and its seed (DESIGN.md, data flow).
 *
 *   config ─► world (opt and eval pools; one independent eval draw per replicate)
 *          ─► eval sets (designs × replicates, no proxy involved)
 *          ─► gold's own optimizer gains (the NDR normalizer)
 *          ─► per proxy: scores on both pools → metrics per eval set, optimizer outcomes → a row
 *          ─► summary (correlations with bootstrap CIs, spread, resampling, theory line)
 *
 * Proxies are evaluated independently (in worker threads when asked); every random stream is named
 * by the seed and a path, so rows are the same bytes for any worker count or order.
 */

import type { Row } from '../analysis/row.js';
import { type Summary, summarize } from '../analysis/summary.js';
import { init, wasmHash } from '../core/wasm.js';
import { buildEvalSet, type EvalSet } from '../evalset/design.js';
import { computeMetrics, metricsForDesign } from '../evalset/metrics.js';
import { type Gains, optimizerGains, outcomesFromGains } from '../optimize/outcomes.js';
import { expandPopulation, type ProxySpec, scorePools, scoreProxy } from '../proxy/index.js';
import { VERSION } from '../version.js';
import { buildWorld, evalLabel, evalPools, type Pools, type World } from '../world/world.js';
import { parseStudy, type StudyConfig, type StudyConfigInput } from './schema.js';

/** Everything a proxy's evaluation needs; rebuilt identically in every worker. */
export interface StudyContext {
  config: StudyConfig;
  world: World;
  proxies: ProxySpec[];
  /** evalWorlds[r]: the eval pools of replicate r (independent draws; r = 0 is world.eval) */
  evalWorlds: { eval: Pools }[];
  /** evalSets[d][r]: design d, replicate r, built on evalWorlds[r] */
  evalSets: EvalSet[][];
  metricNames: string[][];
  goldGains: Gains;
}

export function prepareStudy(input: StudyConfigInput | StudyConfig): StudyContext {
  const config = parseStudy(input);
  const world = buildWorld(config.world, config.seed);
  const proxies = expandPopulation(config.population, config.seed);
  const evalWorlds = Array.from({ length: config.replicates }, (_, r) => ({ eval: evalPools(world, r) }));
  const evalSets = config.designs.map((d) => evalWorlds.map((w, r) => buildEvalSet(d, w, config.seed, r)));
  const metricNames = config.designs.map((d) => metricsForDesign(d));
  const goldGains = optimizerGains(world.opt, world.opt.gold, config.optimizers);
  return { config, world, proxies, evalWorlds, evalSets, metricNames, goldGains };
}

/** One row: the proxy's parameters, its metrics on every eval set, its optimizer outcomes. */
export function evaluateProxy(ctx: StudyContext, index: number): Row {
  const spec = ctx.proxies[index];
  const scores = scoreProxy(spec, ctx.world, ctx.config.seed);
  const evalScores = ctx.evalWorlds.map((w, r) => (r === 0 ? scores.eval : scorePools(spec, w.eval, evalLabel(r), ctx.config.seed)));
  const metrics: Row['metrics'] = {};
  const resampled: Row['resampled'] = {};
  ctx.config.designs.forEach((d, i) => {
    const names = ctx.metricNames[i];
    const perReplicate = ctx.evalSets[i].map((set, r) => computeMetrics(set, ctx.evalWorlds[r], evalScores[r], names));
    metrics[d.name] = perReplicate[0];
    if (perReplicate.length > 1) {
      resampled[d.name] = Object.fromEntries(names.map((m) => [m, perReplicate.slice(1).map((v) => v[m])]));
    }
  });
  const outcomes = outcomesFromGains(optimizerGains(ctx.world.opt, scores.opt, ctx.config.optimizers), ctx.goldGains);
  return { id: spec.id, family: spec.family, params: spec.params, metrics, resampled, outcomes };
}

/**
 * Fail before any work on what only scoring reveals: a transform proxy whose f saturates or
 * overflows on this world's rewards. Returns the number of proxies.
 */
function preflight(config: StudyConfig): number {
  const proxies = expandPopulation(config.population, config.seed);
  const transforms = proxies.filter((p) => p.family === 'transform');
  if (transforms.length > 0) {
    const world = buildWorld(config.world, config.seed);
    for (const spec of transforms) scoreProxy(spec, world, config.seed);
  }
  return proxies.length;
}

export interface RunOptions {
  /** Worker threads (Node only; default 1 = in this thread). Results do not depend on it. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface StudyResults {
  config: StudyConfig;
  rows: Row[];
  summary: Summary;
  provenance: { version: string; wasmHash: string; seed: number };
}

/** Run a study: validate the config, evaluate every proxy, summarize. */
export async function runStudy(input: StudyConfigInput | StudyConfig, options: RunOptions = {}): Promise<StudyResults> {
  await init();
  const config = parseStudy(input);
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  let rows: Row[];
  const count = preflight(config);
  if (workers === 1 || count <= 1) {
    const ctx = prepareStudy(config);
    rows = [];
    for (let i = 0; i < ctx.proxies.length; i++) {
      rows.push(evaluateProxy(ctx, i));
      options.onProgress?.(i + 1, ctx.proxies.length);
    }
  } else {
    // Node only: loaded on demand so that the library stays importable in a browser.
    const { runInWorkers } = await import('./pool.js');
    rows = await runInWorkers<Row>(config, count, { workers, onProgress: options.onProgress });
  }
  const hash = await wasmHash();
  const theoryDesign = config.designs.find((d) => d.name === config.analysis.theoryDesign) ?? config.designs[0];
  const keep = config.analysis.outcomes;
  const analysed = keep ? rows.map((r) => ({ ...r, outcomes: Object.fromEntries(keep.map((k) => [k, r.outcomes[k]])) })) : rows;
  const summary = summarize(analysed, {
    seed: config.seed,
    resamples: config.analysis.bootstrap,
    level: config.analysis.level,
    spread: { width: config.analysis.binWidth },
    theory: { design: theoryDesign.name, flip: theoryDesign.labels === 'flip' ? theoryDesign.flipRate : 0 },
    meta: { version: VERSION, wasmHash: hash, study: config.name, config },
  });
  return { config, rows, summary, provenance: { version: VERSION, wasmHash: hash, seed: config.seed } };
}

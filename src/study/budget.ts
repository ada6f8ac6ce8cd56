/**
 * What a study will need, estimated from its validated config before anything is allocated, so
 * that a study too large for the machine is refused in a moment with one line naming the field
 * that makes it large, instead of growing for minutes and dying.
 *
 * The estimate adds, in bytes: the study context each evaluating thread holds (the world's pools
 * and gold, every eval set, the pools placed in wasm memory), what one proxy's evaluation holds
 * while it runs, the rows the main thread keeps, and the summary (entries kept, plus one
 * entry's bootstrap at a time). Sizes are counted from the config; the per-value costs below are
 * measured on V8 (typed arrays 8 bytes a double; a number in a row's arrays and objects about 16;
 * a summary entry about 2 kB; the files written, 32 kB a proxy) and rounded up, and a process's
 * and a worker thread's own footprint is added (128 and 96 MiB), so that the estimate errs high:
 * measured peaks were 0.64–0.82 of it on eight runs (bench/memory.bench.js: the paper preset, a
 * 5M-response world, 5,000 proxies, 8M labelled pairs, the largest world allowed).
 */

import { formatOutcomeKey } from '../data/outcome-key.js';
import { RmsimError } from '../errors.js';
import { pairsPerGroup, promptsUsed } from '../evalset/budget.js';
import { metricsForDesign } from '../evalset/registry.js';
import { outcomeKeys } from '../optimize/registry.js';
import { populationSize } from '../proxy/population.js';
import type { StudyConfig } from './schema.js';

/** The default limit on a study's estimated memory: 4 GiB (RunOptions.maxMemory, `--max-memory`). */
export const DEFAULT_MAX_MEMORY = 4 * 2 ** 30;

/** One part of the estimate, and the config field that scales it. */
export interface EstimatePart {
  what: string;
  field: string;
  bytes: number;
  /** held once by every evaluating thread (the study context and one proxy's evaluation) */
  perThread: boolean;
}

export interface StudyEstimate {
  proxies: number;
  /** the study context, once per evaluating thread */
  context: number;
  /** one proxy's evaluation while it runs, once per evaluating thread */
  perProxy: number;
  /** rows and summary in the main thread */
  results: number;
  /** the parts, largest first */
  parts: EstimatePart[];
  /** a built world (opt pools and eval replicate 0), which the main thread holds for the data checks while workers evaluate */
  world: number;
  /** total bytes when `workers` worker threads evaluate (0: this thread evaluates, holding the one context) */
  total(workers: number): number;
}

const NUMBER_IN_ROW = 16;
/** The run folder's text held while it is written, per proxy: its line of rows.jsonl and of summary.json, its points in the plots and the report (UTF-16). */
const FILES_PER_PROXY = 32 * 1024;
const SUMMARY_ENTRY = 2048;
/** What a process holds before any study data (Node, the loaded core, vega for the report), and each worker thread. */
const PROCESS_BASE = 128 * 2 ** 20;
const THREAD_BASE = 96 * 2 ** 20;

/** The estimate for a resolved config. */
export function estimateStudy(config: StudyConfig): StudyEstimate {
  const w = config.world;
  const dimFactor = 1 + w.features.dim;
  const proxies = populationSize(config.population);
  const R = config.replicates;
  const optValues = w.optPrompts * w.poolSize;
  const evalValues = w.evalPrompts * w.evalPoolSize;
  let setSlots = 0;
  let setPairs = 0;
  let metricValues = 0;
  for (const d of config.designs) {
    const M = promptsUsed(d, w.evalPrompts);
    setSlots += R * M * d.k;
    setPairs += R * M * pairsPerGroup(d);
    metricValues += metricsForDesign(d).length;
  }
  const outcomes = config.analysis.outcomes?.length ?? outcomeKeys(config.optimizers).length;
  const allOutcomes = outcomeKeys(config.optimizers).map(formatOutcomeKey).length;
  const bonValues = config.optimizers.bon.n.length * config.optimizers.bon.estimators.length;

  const world = optValues * 8 * dimFactor + optValues * 16; // gold (+ features) and its placed copy
  const evalPools = R * evalValues * 8 * dimFactor;
  const evalSets = setSlots * 24 + setPairs * 41; // responses, gathered gold, orders; pair indices, labels, σ
  const proxyOpt = optValues * 24 + w.optPrompts * bonValues * 48; // scores, placed copy, order; bon tables
  const proxyEval = R * evalValues * 8 + setSlots * 24 + setPairs * 40; // scores on every eval draw, gathered per set and per pair
  const proxyScores = proxyOpt + proxyEval;
  const rows = proxies * (metricValues * R * NUMBER_IN_ROW + allOutcomes * 5 * NUMBER_IN_ROW + 1024);
  const files = proxies * FILES_PER_PROXY;
  const entries = metricValues * outcomes;
  const summary = entries * 3 * SUMMARY_ENTRY + config.analysis.bootstrap * proxies * 12 * 2;

  const parts: EstimatePart[] = [
    { what: `rows of ${proxies} proxies`, field: 'population', bytes: rows, perThread: false },
    { what: `the run folder's files for ${proxies} proxies`, field: 'population', bytes: files, perThread: false },
    { what: `${w.optPrompts} × ${w.poolSize} optimization responses`, field: 'world.optPrompts', bytes: world, perThread: true },
    {
      what: `${R} eval draws of ${w.evalPrompts} × ${w.evalPoolSize} responses`,
      field: R > 1 ? 'replicates' : 'world.evalPrompts',
      bytes: evalPools,
      perThread: true,
    },
    { what: `eval sets (${setPairs} labelled pairs over the replicates)`, field: 'designs', bytes: evalSets, perThread: true },
    { what: 'one proxy’s scores and outputs on the optimization pools', field: 'world.optPrompts', bytes: proxyOpt, perThread: true },
    {
      what: `one proxy’s scores on ${R} eval draws`,
      field: R > 1 ? 'replicates' : 'world.evalPrompts',
      bytes: proxyEval,
      perThread: true,
    },
    {
      what: `the summary (${entries} correlations, ${config.analysis.bootstrap} bootstrap resamples)`,
      field: 'analysis.bootstrap',
      bytes: summary,
      perThread: false,
    },
  ].sort((a, b) => b.bytes - a.bytes);
  const context = world + evalPools + evalSets;
  const builtWorld = (optValues + evalValues) * 8 * dimFactor;
  return {
    proxies,
    context,
    perProxy: proxyScores,
    results: rows + files + summary,
    parts,
    world: builtWorld,
    total: (workers) =>
      ownFootprint(workers) + Math.max(1, workers) * (context + proxyScores) + (workers > 0 ? builtWorld : 0) + rows + files + summary,
  };
}

/** Bytes as "1.2 GiB", "340 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || u === 0 ? v.toFixed(0) : v.toPrecision(2)} ${units[u]}`;
}

/** What rmsim holds before any study data: the process, and each worker thread. */
const ownFootprint = (workers: number) => PROCESS_BASE + workers * THREAD_BASE;

/**
 * Refuse a study whose estimate exceeds `maxBytes` when `workers` worker threads evaluate (0:
 * this thread): one RmsimError('CONFIG') with the estimate, the limit, and the config field whose
 * parts add up to the most (no field when rmsim's own footprint outweighs all the data).
 */
export function checkStudyBudget(config: StudyConfig, maxBytes: number, workers: number): StudyEstimate {
  const e = estimateStudy(config);
  const total = e.total(workers);
  if (!(total <= maxBytes)) {
    const byField = new Map<string, { bytes: number; top: EstimatePart }>();
    for (const p of e.parts) {
      const bytes = p.perThread ? Math.max(1, workers) * p.bytes : p.bytes;
      const f = byField.get(p.field) ?? { bytes: 0, top: p };
      byField.set(p.field, { bytes: f.bytes + bytes, top: f.top });
    }
    const [field, most] = [...byField].sort((a, b) => b[1].bytes - a[1].bytes)[0];
    const own = ownFootprint(workers);
    const why =
      own >= total - own
        ? `${formatBytes(own)} of it for rmsim itself${workers > 0 ? ` with ${workers} worker${workers > 1 ? 's' : ''}` : ''}`
        : `${formatBytes(most.bytes)} of it grows with ${field} (largest part: ${most.top.what})`;
    throw new RmsimError(
      'CONFIG',
      `the study needs an estimated ${formatBytes(total)}, over the limit of ${formatBytes(maxBytes)}; ${why}; make it smaller or raise the limit (--max-memory, RunOptions.maxMemory)`,
      { field: own >= total - own ? undefined : field },
    );
  }
  return e;
}

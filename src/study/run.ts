/**
 * runStudy(config) → results: a pure function of the config and its seed (docs/design.md, "Data flow").
 *
 *   config ─► world (opt and eval pools with their gold; one independent eval draw per replicate)
 *          ─► eval sets (designs × replicates, no proxy involved)
 *          ─► the opt pools placed in wasm memory once; gold's own optimizer gains (the NDR normalizer)
 *          ─► per proxy: scores on every set of pools → metrics per eval set, optimizer outcomes → a row
 *          ─► summary (correlations with bootstrap CIs, spread, resampling, theory line)
 *
 * The config is parsed once and the study context built once per process (and once in each
 * worker of a pool). Proxies are evaluated independently; every random stream is named by the
 * seed and a path, so rows are the same bytes for any worker count or order.
 */
import { type Summary, summarize } from '../analysis/summary.js';
import { putF64, scoped } from '../core/memory.js';
import { Stream } from '../core/stream.js';
import { init, wasmHash } from '../core/wasm.js';
import type { EvalSet } from '../data/evalset.js';
import type { Row } from '../data/row.js';
import { invalid, RmsimError } from '../errors.js';
import { buildEvalSet } from '../evalset/build.js';
import { computeMetrics, metricsForDesign } from '../evalset/registry.js';
import type { Gains, OptimizeInput } from '../optimize/optimizer.js';
import { outcomesFromGains } from '../optimize/outcomes.js';
import { type PlacedPools, placePools } from '../optimize/placed.js';
import { gainsOn, onTheoryLine } from '../optimize/registry.js';
import { scoreSpec } from '../proxy/index.js';
import { expandPopulation, populationSize, proxyOrigin } from '../proxy/population.js';
import { findFamily } from '../proxy/registry.js';
import type { ProxySpec } from '../proxy/spec.js';
import { VERSION } from '../version.js';
import { buildWorld, evalPools, type World, type WorldPools } from '../world/world.js';
import { checkStudyBudget, DEFAULT_MAX_MEMORY, type StudyEstimate } from './budget.js';
import { parseStudy, type StudyConfig, type StudyConfigInput } from './schema.js';

/** Everything a proxy's evaluation needs; built once per process. */
export interface StudyContext {
  config: StudyConfig;
  world: World;
  proxies: ProxySpec[];
  /** evalPools[r]: the eval pools of replicate r (independent draws; r = 0 is world.eval) */
  evalPools: WorldPools[];
  /** evalSets[d][r]: design d, replicate r, built on evalPools[r] */
  evalSets: EvalSet[][];
  metricNames: string[][];
  /** the optimization pools and gold, placed in wasm memory (valid in the scope that built the context) */
  placed: PlacedPools;
  goldGains: Gains;
}

/** What the optimizers of a study get for one scorer (a proxy, or gold itself). */
function optimizeInput(
  ctx: Pick<StudyContext, 'config' | 'world' | 'placed'>,
  id: string,
  scores: Float64Array,
  placedScores = putF64(scores),
): OptimizeInput {
  const { pools, gold } = ctx.world.opt;
  const seed = ctx.config.seed;
  return { pools, gold, placed: ctx.placed, scores, placedScores, stream: (...path) => Stream.from(seed, 'optimize', id, ...path) };
}

/**
 * The study context of a config: the world, the proxies, every eval set, the placed pools and
 * gold's gains. Allocates wasm memory in the caller's arena scope (wrap its use in `scoped`).
 * `built` passes a world or proxies the caller already has.
 */
export function prepareStudy(input: StudyConfigInput | StudyConfig, built: { world?: World; proxies?: ProxySpec[] } = {}): StudyContext {
  const config = parseStudy(input);
  const world = built.world ?? buildWorld(config.world, config.seed);
  const proxies = built.proxies ?? expandPopulation(config.population, config.seed);
  const pools = Array.from({ length: config.replicates }, (_, r) => evalPools(world, r));
  const evalSets = config.designs.map((d) => pools.map((w, r) => buildEvalSet(d, w.pools, w.gold, config.seed, r)));
  const metricNames = config.designs.map((d) => metricsForDesign(d));
  const placed = placePools(world.opt.pools, world.opt.gold);
  const base = { config, world, placed };
  const goldGains = scoped(() => gainsOn(config.optimizers, optimizeInput(base, 'gold-reference', world.opt.gold, placed.gold)));
  return { ...base, proxies, evalPools: pools, evalSets, metricNames, goldGains };
}

/** One row: the proxy's parameters, its metrics on every eval set, its optimizer outcomes. */
export function evaluateProxy(ctx: StudyContext, index: number): Row {
  const spec = ctx.proxies[index];
  const seed = ctx.config.seed;
  return scoped(() => {
    const opt = scoreSpec(spec, ctx.world.opt, seed);
    const evalScores = ctx.evalPools.map((w) => scoreSpec(spec, w, seed));
    const metrics: Row['metrics'] = {};
    const resampled: Row['resampled'] = {};
    ctx.config.designs.forEach((d, i) => {
      const names = ctx.metricNames[i];
      const perReplicate = ctx.evalSets[i].map((set, r) =>
        computeMetrics(set, ctx.evalPools[r].pools, ctx.evalPools[r].gold, evalScores[r], names),
      );
      metrics[d.name] = perReplicate[0];
      if (perReplicate.length > 1) {
        resampled[d.name] = Object.fromEntries(names.map((m) => [m, perReplicate.slice(1).map((v) => v[m])]));
      }
    });
    const outcomes = outcomesFromGains(gainsOn(ctx.config.optimizers, optimizeInput(ctx, spec.id, opt)), ctx.goldGains);
    return { id: spec.id, family: spec.family, params: spec.params, metrics, resampled, outcomes };
  });
}

/**
 * Fail before any work on what only the data reveals (a family's `check`, e.g. a transform that
 * saturates on these rewards), on the opt pools and the eval pools of replicate 0.
 */
function preflight(config: StudyConfig, proxies: readonly ProxySpec[], world: () => World): void {
  proxies.forEach((spec, i) => {
    const family = findFamily(spec.family);
    if (!family?.check) return;
    try {
      for (const on of [world().opt, world().eval]) {
        family.check(spec.params, { pools: on.pools, gold: on.gold, seed: config.seed, id: spec.id, label: on.label });
      }
    } catch (err) {
      // a family names its proxy's fields as proxy[id].params.x: name where the config writes them
      const own = `proxy[${spec.id}].params`;
      if (!(err instanceof RmsimError && err.code === 'CONFIG' && err.field?.startsWith(own))) throw err;
      const at = proxyOrigin(config.population, i);
      const why = at.draw === undefined ? err.why : `${err.why} (proxy ${spec.id}, draw ${at.draw} of the block)`;
      throw new RmsimError('CONFIG', why, { field: at.params + err.field.slice(own.length), cause: err });
    }
  });
}

/** Evaluates a study's proxies somewhere else (`workerPool` of rmsim/node, `webWorkerPool` in a browser); rows in index order. */
export interface ProxyPool {
  /** how many proxies it evaluates at once */
  readonly size: number;
  evaluate(config: StudyConfig, count: number, onProgress?: (done: number, total: number) => void): Promise<Row[]>;
}

export interface RunOptions {
  /** Where the proxies are evaluated (default: in this thread). Results do not depend on it. */
  pool?: ProxyPool;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called once the config, its memory estimate and the data checks have passed, before any
   * proxy is evaluated: where a caller takes what the run will write to (the CLI locks its run
   * folder here), so that nothing is created for a study that is refused.
   */
  onStart?: () => void | Promise<void>;
  /** Refuse a study whose estimated memory exceeds this many bytes (default DEFAULT_MAX_MEMORY, 4 GiB). */
  maxMemory?: number;
}

const RUN_OPTIONS = ['pool', 'onProgress', 'onStart', 'maxMemory'];

export interface StudyResults {
  config: StudyConfig;
  rows: Row[];
  summary: Summary;
  provenance: { version: string; wasmHash: string; seed: number };
}

/** What a study will be, once runStudy's checks have passed (see `checkStudy`). */
export interface StudyPlan {
  config: StudyConfig;
  proxies: ProxySpec[];
  /** the memory estimate the run was checked against */
  estimate: StudyEstimate;
  /** the worker threads it was estimated for: the pool's, capped at the proxies (0: evaluated in this thread) */
  workers: number;
}

/** The checks before any proxy is evaluated, and the world they built (internal to runStudy and checkStudy). */
function plan(input: StudyConfigInput | StudyConfig, options: RunOptions): StudyPlan & { pool: ProxyPool | null; world: () => World } {
  if (options === null || typeof options !== 'object') invalid('options', `must be an object, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (key === 'workers')
      invalid(
        'options.workers',
        "runStudy takes a pool instead: { pool: workerPool(n) } from 'rmsim/node', or { pool: webWorkerPool(n) } from 'rmsim' in a browser",
      );
    if (!RUN_OPTIONS.includes(key)) invalid(`options.${key}`, `unknown option (runStudy takes ${RUN_OPTIONS.join(', ')})`);
  }
  const p = options.pool;
  if (p !== undefined && !(p && Number.isInteger(p.size) && p.size >= 1 && typeof p.evaluate === 'function')) {
    invalid(
      'options.pool',
      'must be a ProxyPool: { size: an integer ≥ 1, evaluate(config, count, onProgress) } (workerPool(n) of rmsim/node or webWorkerPool(n) makes one)',
    );
  }
  for (const key of ['onStart', 'onProgress'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') invalid(`options.${key}`, 'must be a function');
  }
  const maxMemory = options.maxMemory ?? DEFAULT_MAX_MEMORY;
  if (typeof maxMemory !== 'number' || !(maxMemory > 0))
    invalid('options.maxMemory', `must be a number of bytes > 0, got ${String(maxMemory)}`);
  const config = parseStudy(input);
  const count = populationSize(config.population);
  // a pool evaluates in its threads (the main thread stays free for signals and progress, and
  // holds a world for the checks below)
  const pool = options.pool !== undefined && count >= 1 ? options.pool : null;
  const workers = pool ? Math.min(pool.size, count) : 0;
  const estimate = checkStudyBudget(config, maxMemory, workers); // before anything is allocated
  const proxies = expandPopulation(config.population, config.seed);
  let built: World | null = null;
  const world = () => (built ??= buildWorld(config.world, config.seed));
  preflight(config, proxies, world);
  return { config, proxies, estimate, workers, pool, world };
}

/**
 * Everything runStudy checks before it evaluates a proxy, and nothing more: the config, its
 * memory estimate against `maxMemory` for the threads `pool` would use, and the checks only the
 * data can make (a transform saturating on these rewards). Throws what runStudy would throw;
 * returns what would run (`rmsim study --dry-run`).
 */
export async function checkStudy(
  input: StudyConfigInput | StudyConfig,
  options: Pick<RunOptions, 'pool' | 'maxMemory'> = {},
): Promise<StudyPlan> {
  await init();
  const { config, proxies, estimate, workers } = plan(input, options);
  return { config, proxies, estimate, workers };
}

/** Run a study: validate the config, evaluate every proxy, summarize. */
export async function runStudy(input: StudyConfigInput | StudyConfig, options: RunOptions = {}): Promise<StudyResults> {
  await init();
  const { config, proxies, pool, world } = plan(input, options);
  await options.onStart?.();
  let rows: Row[];
  if (pool) {
    rows = await pool.evaluate(config, proxies.length, options.onProgress);
  } else {
    rows = scoped(() => {
      const ctx = prepareStudy(config, { world: world(), proxies });
      const out: Row[] = [];
      for (let i = 0; i < ctx.proxies.length; i++) {
        out.push(evaluateProxy(ctx, i));
        options.onProgress?.(i + 1, ctx.proxies.length);
      }
      return out;
    });
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
    theory: {
      design: theoryDesign.name,
      flip: theoryDesign.labels === 'flip' ? theoryDesign.flipRate : 0,
      outcomes: (k) => onTheoryLine(k),
    },
    meta: { version: VERSION, wasmHash: hash, study: config.name, config },
  });
  return { config, rows, summary, provenance: { version: VERSION, wasmHash: hash, seed: config.seed } };
}

/** rows.jsonl text: a self-describing header line, then one JSON row per proxy (NaN → null). */
export function rowsJsonl(res: StudyResults): string {
  const p = res.provenance;
  const header = { kind: 'rmsim-rows', version: p.version, wasmHash: p.wasmHash, seed: p.seed, study: res.config.name, config: res.config };
  return `${[header, ...res.rows].map((r) => JSON.stringify(r)).join('\n')}\n`;
}

/** `rmsim study`: run a study from a preset or a config file and write its run folder. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { z } from 'zod';
import { summaryJson } from '../analysis/summary.js';
import { parseOutcomeKey } from '../data/outcome-key.js';
import { RmsimError } from '../errors.js';
import { readConfigFile } from '../io/config.js';
import type { OpenFolder } from '../io/files.js';
import { onTheoryLine } from '../optimize/registry.js';
import { bestWords } from '../report/leaderboard.js';
import { fmtDiff, fmtEstimate } from '../report/tables.js';
import { DEFAULT_MAX_MEMORY, formatBytes } from '../study/budget.js';
import { checkRunFolder, openRunFolder, writeRun } from '../study/output.js';
import { workerPool } from '../study/pool.js';
import { PRESETS, preset } from '../study/presets.js';
import { checkStudy, runStudy, type StudyPlan, type StudyResults } from '../study/run.js';
import { parseStudy } from '../study/schema.js';
import type { CliIo } from './io.js';
import { numberOption, parseOptions } from './options.js';

export const studyOptionsSchema = z
  .object({
    preset: z.string().optional(),
    config: z.string().optional(),
    out: z.string().trim().min(1, 'is empty; name a run folder').optional(),
    workers: z.number().int().min(1).max(1024).default(availableParallelism()),
    maxMemory: z
      .number()
      .positive()
      .max(2 ** 20)
      .optional(),
    seed: z
      .number()
      .min(0)
      .max(2 ** 32 - 1)
      .int()
      .optional(),
    quiet: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !(o.preset && o.config), { message: 'give --preset or --config, not both', path: ['preset'] });

/** What `--dry-run` prints: what would run, its memory estimate and where it would be written. */
function dryRunLine(plan: StudyPlan, dir: string, maxMemory: number): string {
  const c = plan.config;
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const where = plan.workers > 0 ? `with ${count(plan.workers, 'worker')}` : 'in one thread';
  return [
    `study '${c.name}': ${count(plan.proxies.length, 'proxy', 'proxies')}, ${count(c.designs.length, 'eval design')}, ${count(c.replicates, 'eval draw')}`,
    `estimated memory ${formatBytes(plan.estimate.total(plan.workers))} ${where} (limit ${formatBytes(maxMemory)})`,
    `would write ${resolve(dir)}; nothing written`,
  ].join('; ');
}

/** Run `fn`; a config error it throws names the config file before the field ("study.yaml: world.poolSize: …"). */
async function inFile<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RmsimError && err.code === 'CONFIG' && file) throw err.inFile(file);
    throw err;
  }
}

/** The few lines printed after a run: where it went and the headline correlations. */
function headline(res: StudyResults, dir: string, seconds: number): string {
  const s = res.summary;
  const design = s.theory.design ?? s.designs[0];
  const ref = s.excluded.proxies > 0 ? ` (+${s.excluded.proxies} ${s.excluded.families.join('/')} reference)` : '';
  const designs = `${s.designs.length} eval design${s.designs.length === 1 ? '' : 's'}`;
  const lines = [`study '${res.config.name}': ${s.proxies} proxies${ref}, ${designs}, ${seconds.toFixed(1)} s`];
  const picks = s.correlations.filter((e) => e.design === design && e.metric === s.theory.metric && e.quantity === 'ndr');
  // the outcomes on the theory line, best-of-n without replacement and tilt at matched KL
  for (const e of picks.filter((e) => onTheoryLine(e.outcome) && parseOutcomeKey(e.outcome)?.variant === null)) {
    lines.push(`  ${e.metric} (${design}) vs NDR of ${e.outcome}: Spearman ${fmtEstimate(e.spearman)}, Pearson ${fmtEstimate(e.pearson)}`);
    const o = s.leaderboard.outcomes.find((o) => o.outcome === e.outcome && o.quantity === 'ndr');
    const best = o?.entries[0];
    if (o && best && best.verdict !== 'undefined') {
      let line = `    ${bestWords(o)}, Spearman ${fmtEstimate(best.spearman)}`;
      if (best.verdict !== 'reference') {
        const verdict = best.verdict === 'better' ? 'beats it' : best.verdict === 'worse' ? 'worse' : 'not distinguishable';
        line += `; minus ${e.metric} ${fmtDiff(best.difference)} paired, ${verdict}`;
      }
      lines.push(line);
    }
  }
  lines.push(`report: ${resolve(dir, 'report.html')}`);
  return lines.join('\n');
}

export function studyCommand(io: CliIo): Command {
  return new Command('study')
    .description('run a study (default: the `paper` preset) and write config.json, rows.jsonl, summary.json, tables.md, plots, report.html')
    .option(
      '--preset <name>',
      `an embedded study: ${Object.entries(PRESETS)
        .map(([k, v]) => `${k} (${v.doc})`)
        .join('; ')}`,
    )
    .option('--config <file>', 'a study config, YAML or JSON (README "Writing a config"; every field: docs/config-reference.md)')
    .option('--out <dir>', 'the run folder (default: runs/<study name>)')
    .option(
      '--workers <n>',
      'worker threads (default and at most: the number of cores; never more than proxies); results do not depend on it',
      numberOption('--workers'),
    )
    .option('--max-memory <GiB>', 'refuse a study whose estimated memory is larger (default 4)', numberOption('--max-memory'))
    .option('--seed <int>', "override the config's seed", numberOption('--seed'))
    .option('--dry-run', 'check the config, the run folder and the memory estimate, say what would run, and write nothing')
    .option('--quiet', 'no progress bar')
    .option('--json', 'print summary.json to stdout')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(studyOptionsSchema, raw);
      const input = (opts.config ? readConfigFile(opts.config) : preset(opts.preset ?? 'paper')) as Record<string, unknown>;
      if (opts.seed !== undefined && input && typeof input === 'object') input.seed = opts.seed;
      const config = await inFile(opts.config, async () => parseStudy(input)); // validate everything before any work starts
      const dir = opts.out ?? `runs/${config.name}`;
      checkRunFolder(dir); // before any work, creating nothing: never learn after the run that --out is unusable
      const pool = workerPool(opts.workers);
      const maxMemory = opts.maxMemory === undefined ? undefined : opts.maxMemory * 2 ** 30;
      if (opts.dryRun) {
        const plan = await inFile(opts.config, () => checkStudy(config, { pool, maxMemory }));
        io.stdout.write(`${dryRunLine(plan, dir, maxMemory ?? DEFAULT_MAX_MEMORY)}\n`);
        return;
      }
      const showBar = !opts.quiet && io.stderr.isTTY === true;
      const bar = showBar
        ? new cliProgress.SingleBar(
            {
              format: 'proxies {bar} {value}/{total} | {duration_formatted} elapsed, ~{eta_formatted} left',
              stream: io.stderr as NodeJS.WritableStream,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      const t0 = performance.now();
      let started = false;
      let res: StudyResults;
      // the run folder is opened (parents made, locked) only once the study has passed every check
      let folder: OpenFolder | null = null;
      const untrap = io.trapSignals?.(() => folder?.close());
      try {
        res = await inFile(opts.config, () =>
          runStudy(config, {
            pool,
            maxMemory,
            onStart: () => {
              folder = openRunFolder(dir);
            },
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
              if (done === total) {
                bar.stop();
                started = false;
                io.stderr.write(`meta-evaluation: correlations with ${config.analysis.bootstrap} bootstrap resamples, report…\n`);
              }
            },
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        await writeRun(folder!, res, { seconds, workers: pool.size });
        if (opts.json) io.stdout.write(summaryJson(res.summary));
        else io.stdout.write(`${headline(res, dir, seconds)}\n`);
      } finally {
        if (started) bar?.stop();
        (folder as OpenFolder | null)?.close();
        untrap?.();
      }
    });
}

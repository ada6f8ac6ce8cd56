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
import { onTheoryLine } from '../optimize/registry.js';
import { fmtEstimate } from '../report/tables.js';
import { prepareRunFolder, writeRun } from '../study/output.js';
import { workerPool } from '../study/pool.js';
import { PRESETS, preset } from '../study/presets.js';
import { runStudy, type StudyResults } from '../study/run.js';
import { parseStudy } from '../study/schema.js';
import type { CliIo } from './io.js';
import { parseOptions } from './options.js';

export const studyOptionsSchema = z
  .object({
    preset: z.string().optional(),
    config: z.string().optional(),
    out: z.string().optional(),
    workers: z.number().int().min(1).max(256).default(availableParallelism()),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    quiet: z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !(o.preset && o.config), { message: 'give --preset or --config, not both', path: ['preset'] });

/** The few lines printed after a run: where it went and the headline correlations. */
function headline(res: StudyResults, dir: string, seconds: number): string {
  const s = res.summary;
  const design = s.theory.design ?? s.designs[0];
  const ref = s.excluded.proxies > 0 ? ` (+${s.excluded.proxies} ${s.excluded.families.join('/')} reference)` : '';
  const lines = [`study '${res.config.name}': ${s.proxies} proxies${ref}, ${s.designs.length} eval designs, ${seconds.toFixed(1)} s`];
  const picks = s.correlations.filter((e) => e.design === design && e.metric === s.theory.metric && e.quantity === 'ndr');
  // the outcomes on the theory line, best-of-n without replacement and tilt at matched KL
  for (const e of picks.filter((e) => onTheoryLine(e.outcome) && parseOutcomeKey(e.outcome)?.variant === null)) {
    lines.push(`  ${e.metric} (${design}) vs NDR of ${e.outcome}: Spearman ${fmtEstimate(e.spearman)}, Pearson ${fmtEstimate(e.pearson)}`);
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
    .option('--workers <n>', 'worker threads (default: the number of cores); results do not depend on it', Number)
    .option('--seed <int>', "override the config's seed", Number)
    .option('--quiet', 'no progress bar')
    .option('--json', 'print summary.json to stdout')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseOptions(studyOptionsSchema, raw);
      const input = (opts.config ? readConfigFile(opts.config) : preset(opts.preset ?? 'paper')) as Record<string, unknown>;
      if (opts.seed !== undefined && input && typeof input === 'object') input.seed = opts.seed;
      let config: ReturnType<typeof parseStudy>;
      try {
        config = parseStudy(input); // validate everything before any work starts
      } catch (err) {
        // name the file before the field: "study.yaml: world.poolSize: …"
        if (err instanceof RmsimError && opts.config) throw err.inFile(opts.config);
        throw err;
      }
      const dir = opts.out ?? `runs/${config.name}`;
      prepareRunFolder(dir); // before any work: never learn after the run that --out is unusable
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
      try {
        res = await runStudy(config, {
          pool: workerPool(opts.workers),
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
        });
      } catch (err) {
        // a config error only the data reveals (a transform saturating on these rewards): name the file too
        if (err instanceof RmsimError && err.code === 'CONFIG' && opts.config) throw err.inFile(opts.config);
        throw err;
      } finally {
        if (started) bar?.stop();
      }
      const seconds = (performance.now() - t0) / 1000;
      await writeRun(dir, res, { seconds, workers: opts.workers });
      if (opts.json) io.stdout.write(summaryJson(res.summary));
      else io.stdout.write(`${headline(res, dir, seconds)}\n`);
    });
}

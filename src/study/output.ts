/**
 * The run folder of a study, locked while it is written and written atomically (src/io/files.ts):
 *   config.json   resolved config with seed, rmsim version, .wasm hash, timings
 *   rows.jsonl    a header line (version, wasm hash, seed, resolved config), then one row per proxy
 *   summary.json  every correlation with its CI, spread, resampling, theory line (and the same header fields)
 *   rows.csv, outcomes.csv, correlations.csv   the same data as CSV (src/study/csv.ts)
 *   tables.md, report.html, <figure>.svg (+ .vl.json, the Vega-Lite spec)
 * rows.jsonl and summary.json are the same bytes for the same config, whatever the worker count.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summaryJson } from '../analysis/summary.js';
import { checkFolder, type OpenFolder, openFolder } from '../io/files.js';
import { buildReport, standardFigures } from '../report/index.js';
import { inlineLibraries } from '../report/libraries.js';
import { correlationsCsv, outcomesCsv, rowsCsv } from './csv.js';
import { findingsReport } from './findings.js';
import { rowsJsonl, type StudyResults } from './run.js';

export interface WrittenRun {
  dir: string;
  files: string[];
}

/** The files a run folder holds: what writeRun writes, and nothing else. */
const RUN_FILE =
  /^(config\.json|rows\.jsonl|summary\.json|rows\.csv|outcomes\.csv|correlations\.csv|tables\.md|report\.html|[A-Za-z0-9._-]+\.(svg|vl\.json))$/;

/** The largest config.json an earlier run can have (a config file is at most 16 MiB, src/io/config.ts). */
const MAX_CONFIG_BYTES = 32 * 2 ** 20;

/**
 * True when `dir` holds an earlier run and nothing else: every entry is a plain file a run writes
 * (no folders, links or pipes), its config.json says it is a run, and, where config.json lists
 * the files that run wrote (`run.files`), no other file is there. Only such a folder is replaced
 * (a user's notes or data put beside a run are never deleted with it).
 */
export function isRunFolder(dir: string): boolean {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (!entries.every((e) => e.isFile() && RUN_FILE.test(e.name))) return false;
    const configPath = join(dir, 'config.json');
    if (statSync(configPath).size > MAX_CONFIG_BYTES) return false;
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    if (config?.kind !== 'rmsim-config') return false;
    const listed: unknown = config.run?.files;
    if (!Array.isArray(listed)) return true; // written before runs listed their files
    return entries.every((e) => listed.includes(e.name));
  } catch {
    return false;
  }
}

/**
 * Check before a study runs that `dir` can take its run folder: new, empty, or an earlier run
 * (never a folder of other files). Creates nothing. Throws RmsimError('IO') naming the path.
 */
export function checkRunFolder(dir: string): void {
  checkFolder(dir, isRunFolder, 'run folder');
}

/**
 * Open `dir` for a run: parents made, locked against a second writer, what a killed run left
 * tidied (see src/io/files.ts). Open it once the config is checked, before the study starts, and
 * close it after `writeRun`, also on failure.
 */
export function openRunFolder(dir: string): OpenFolder {
  return openFolder(dir, isRunFolder, 'run folder');
}

/**
 * Build the report and write the whole run folder: into `folder` (from openRunFolder), or to a
 * path, which is then opened, written and closed here. Written aside and renamed into place when
 * complete; an existing folder is replaced only if it is empty or an earlier run.
 */
export async function writeRun(
  folder: string | OpenFolder,
  res: StudyResults,
  timing: { seconds: number; workers: number },
): Promise<WrittenRun> {
  const standard = standardFigures(res.rows, res.summary);
  const findings = findingsReport(res.config, res.summary, res.rows, standard);
  const report = await buildReport(res.rows, res.summary, res.provenance, {
    title: `rmsim study: ${res.config.name}`,
    figures: [...standard, ...findings.figures],
    sections: findings.sections,
    appendix: findings.appendix,
    libraries: inlineLibraries(),
  });
  const files: Record<string, string> = {
    'rows.jsonl': rowsJsonl(res),
    'summary.json': summaryJson(res.summary),
    'rows.csv': rowsCsv(res.rows),
    'outcomes.csv': outcomesCsv(res.rows),
    'correlations.csv': correlationsCsv(res.summary),
    ...report.files,
  };
  const names = ['config.json', ...Object.keys(files)].sort();
  const config = {
    kind: 'rmsim-config',
    version: res.provenance.version,
    wasmHash: res.provenance.wasmHash,
    seed: res.provenance.seed,
    config: res.config,
    run: { seconds: Number(timing.seconds.toFixed(2)), workers: timing.workers, proxies: res.rows.length, files: names },
  };
  files['config.json'] = `${JSON.stringify(config, null, 2)}\n`;
  const open = typeof folder === 'string' ? openRunFolder(folder) : folder;
  try {
    open.write(files);
  } finally {
    if (typeof folder === 'string') open.close();
  }
  return { dir: open.dir, files: names };
}

/**
 * The study report: Vega-Lite specs rendered to SVG, tables.md and report.html, built in memory
 * (the caller writes the files). Every file names the rmsim version, the .wasm hash and the seed.
 */

import type { Summary } from '../analysis/summary.js';
import { parseOutcomeKey } from '../data/outcome-key.js';
import type { Row } from '../data/row.js';
import { type Figure, reportHtml } from './html.js';
import { type Provenance, renderSvg } from './render.js';
import { accuracyVsNdrSpec, bonCurveSpec, bonOutcomes, correlationHeatmapSpec, type VegaLiteSpec } from './specs.js';
import { tablesMarkdown } from './tables.js';

export * from './html.js';
export * from './render.js';
export * from './specs.js';
export * from './tables.js';

export interface ReportFiles {
  /** file name → content: '<figure>.svg', '<figure>.vl.json', 'tables.md', 'report.html'. */
  files: Record<string, string>;
  figures: { id: string; title: string; spec: VegaLiteSpec }[];
}

/** The default figures for a summary and its rows; figures whose data is missing are left out. */
export function defaultFigures(rows: readonly Row[], s: Summary): { id: string; title: string; caption: string; spec: VegaLiteSpec }[] {
  const figs: { id: string; title: string; caption: string; spec: VegaLiteSpec }[] = [];
  const design = s.theory.design ?? s.designs[0];
  const metric = s.theory.metric;
  const bons = bonOutcomes(s.outcomes);
  const bonTop = bons.length ? bons[bons.length - 1].key : undefined;
  const tilts = s.outcomes.filter((o) => {
    const k = parseOutcomeKey(o);
    return k?.optimizer === 'tilt' && k.param === 'kl';
  });
  const tiltTop = tilts.length ? tilts[tilts.length - 1] : undefined;
  const hasMetric = design !== undefined && (s.metrics[design] ?? []).includes(metric);
  for (const outcome of [bonTop, tiltTop]) {
    if (!outcome || !hasMetric) continue;
    figs.push({
      id: `${metric}-vs-ndr-${outcome.replace(/[^A-Za-z0-9.]+/g, '-')}`,
      title: `${metric} vs NDR of ${outcome}`,
      caption: `each point a proxy; dashed: the Gaussian theory line NDR = sin(π(A − ½)); ${metric} measured on ${design}`,
      spec: accuracyVsNdrSpec(rows, { design: design!, metric, outcome, excludeFamilies: s.excluded.families }),
    });
  }
  // the curves come from the rows, which hold every n even when the summary analysed a few
  if (bonOutcomes(Object.keys(rows[0]?.outcomes ?? {})).length > 0) {
    figs.push({
      id: 'bon-gain-vs-n',
      title: 'best-of-n gold gain vs n',
      caption: 'one line per proxy; gold is the reference',
      spec: bonCurveSpec(rows, { x: 'n' }),
    });
    figs.push({
      id: 'bon-gain-vs-sqrt-kl',
      title: 'best-of-n gold gain vs √KL',
      caption: 'one line per proxy; gold is the reference',
      spec: bonCurveSpec(rows, { x: 'sqrtKL' }),
    });
  }
  const headline = bonTop ?? tiltTop ?? s.outcomes[0];
  if (headline && s.correlations.some((e) => e.outcome === headline)) {
    figs.push({
      id: 'correlation-heatmap',
      title: `Spearman correlation with NDR of ${headline}`,
      caption: 'rows: metrics; columns: eval designs',
      spec: correlationHeatmapSpec(s, { outcome: headline }),
    });
  }
  return figs;
}

/** Render the default figures and write tables.md and report.html (in memory). */
export async function buildReport(
  rows: readonly Row[],
  s: Summary,
  provenance?: Partial<Provenance>,
  options: { title?: string; extraSections?: { title: string; body: string }[] } = {},
): Promise<ReportFiles> {
  const prov: Provenance = {
    version: provenance?.version ?? s.version,
    wasmHash: provenance?.wasmHash ?? s.wasmHash,
    seed: provenance?.seed ?? s.seed,
  };
  const figs = defaultFigures(rows, s);
  const files: Record<string, string> = {};
  const rendered: Figure[] = [];
  for (const f of figs) {
    const svg = await renderSvg(f.spec, prov);
    files[`${f.id}.svg`] = svg;
    files[`${f.id}.vl.json`] = `${JSON.stringify({ ...f.spec, usermeta: { rmsim: prov } }, null, 2)}\n`;
    rendered.push({ id: f.id, title: f.title, caption: f.caption, svg });
  }
  const extra = options.extraSections ?? [];
  files['tables.md'] = tablesMarkdown(s, prov, { extraSections: extra });
  // the page: the extra sections (findings) first, then the figures, then the standard tables
  files['report.html'] = reportHtml({
    title: options.title,
    provenance: prov,
    figures: rendered,
    leadMarkdown: extra.map((x) => `## ${x.title}\n\n${x.body}`).join('\n\n'),
    tablesMarkdown: tablesMarkdown(s, prov),
  });
  return { files, figures: figs.map(({ id, title, spec }) => ({ id, title, spec })) };
}

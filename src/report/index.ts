/**
 * The study report: Vega-Lite specs rendered to SVG, tables.md and report.html, built in memory
 * (the caller writes the files). Every file names the rmsim version, the .wasm hash and the seed.
 */

import type { Summary } from '../analysis/summary.js';
import type { Row } from '../data/row.js';
import { readingGuide } from './glossary.js';
import { type Figure, reportHtml } from './html.js';
import { leaderboardMarkdown } from './leaderboard.js';
import { type Provenance, renderSvg, toVega } from './render.js';
import {
  accuracyVsNdrSpec,
  bonOutcomes,
  correlationHeatmapSpec,
  leaderboardSpec,
  outcomeWords,
  overoptimizationSpec,
  residualSpec,
  tiltOutcomes,
  type VegaLiteSpec,
} from './specs.js';
import { appendixSections, type Section, sectionsMarkdown, tablesHead } from './tables.js';

export * from './glossary.js';
export * from './html.js';
export * from './leaderboard.js';
export * from './palette.js';
export * from './render.js';
export * from './specs.js';
export * from './tables.js';

/** A figure of the report: its file stem, title, caption, spec, and the role the sections find it by. */
export interface FigureDef {
  id: string;
  role: string;
  title: string;
  caption: string;
  spec: VegaLiteSpec;
}

export interface ReportFiles {
  /** file name → content: '<figure>.svg', '<figure>.vl.json', 'tables.md', 'report.html'. */
  files: Record<string, string>;
  figures: { id: string; title: string; spec: VegaLiteSpec }[];
}

const stem = (s: string): string => s.replace(/[^A-Za-z0-9.]+/g, '-');

/**
 * The standard figures of a summary and its rows; a figure whose data is missing is left out.
 * Roles: 'leaderboard', 'heatmap', 'scatter-bon', 'scatter-tilt', 'fixed-beta',
 * 'overoptimization-bon', 'overoptimization-tilt', 'residuals'.
 */
export function standardFigures(rows: readonly Row[], s: Summary): FigureDef[] {
  const figs: FigureDef[] = [];
  const design = s.theory.design ?? s.designs[0];
  const metric = s.theory.metric;
  const hasMetric = design !== undefined && (s.metrics[design] ?? []).includes(metric);
  const bons = bonOutcomes(s.outcomes);
  const bonTop = bons.length ? bons[bons.length - 1].key : undefined;
  const tilts = tiltOutcomes(s.outcomes, 'kl');
  const tiltTop = tilts.length ? tilts[tilts.length - 1].key : undefined;
  const fixed = tiltOutcomes(s.outcomes, 'beta')[0]?.key;
  const excludeFamilies = s.excluded.families;
  if (s.leaderboard && !s.leaderboard.reason && s.leaderboard.outcomes.length > 0) {
    figs.push({
      id: 'leaderboard',
      role: 'leaderboard',
      title: 'Which measurement of a reward model predicts each outcome',
      caption: `Spearman correlation with NDR and its ${Math.round(s.leaderboard.level * 100)}% interval, for the best entries of each outcome; color: the paired bootstrap against the reference`,
      spec: leaderboardSpec(s),
    });
  }
  const headline = s.outcomes[0];
  if (headline && s.correlations.some((e) => e.outcome === headline)) {
    figs.push({
      id: 'correlation-heatmap',
      role: 'heatmap',
      title: `Spearman with NDR of ${headline}, every metric on every design`,
      caption: 'rows: metrics; columns: eval designs; blank where a metric is not computed on a design',
      spec: correlationHeatmapSpec(s, { outcome: headline }),
    });
  }
  for (const [role, outcome] of [
    ['scatter-bon', bonTop],
    ['scatter-tilt', tiltTop],
  ] as const) {
    if (!outcome || !hasMetric) continue;
    figs.push({
      id: `${metric}-vs-ndr-${stem(outcome)}`,
      role,
      title: `${metric} vs NDR of ${outcome} (${outcomeWords(outcome)})`,
      caption: `each point a proxy; dashed: the Gaussian theory line NDR = sin(π(A − ½)); ${metric} measured on ${design}`,
      spec: accuracyVsNdrSpec(rows, { design: design!, metric, outcome, excludeFamilies }),
    });
  }
  if (fixed && hasMetric) {
    figs.push({
      id: `fixed-beta-${stem(fixed)}`,
      role: 'fixed-beta',
      title: `${metric} vs NDR at a fixed β (${fixed})`,
      caption: `each point a proxy; at a fixed β a proxy with larger scores moves further from π0 (KL in the tooltip), so its scale, which ${metric} cannot see, decides; the theory line does not apply`,
      spec: accuracyVsNdrSpec(rows, {
        design: design!,
        metric,
        outcome: fixed,
        excludeFamilies,
        theoryLine: false,
        title: `${metric} vs NDR of ${fixed}: reward scale decides`,
        subtitle: `${outcomeWords(fixed)}; no theory line: at a fixed β the KL differs between proxies`,
      }),
    });
  }
  const keys = new Set(rows.flatMap((r) => Object.keys(r.outcomes ?? {})));
  if (bonOutcomes(keys).length > 0) {
    figs.push({
      id: 'overoptimization-bon',
      role: 'overoptimization-bon',
      title: 'Overoptimization of best-of-n: gold and proxy reward vs √KL',
      caption:
        'per proxy group, the median over all its proxies and the interquartile band; the gap between proxy and gold reward is what the proxy overestimates',
      spec: overoptimizationSpec(rows, { optimizer: 'bon', excludeFamilies }),
    });
  }
  if (tiltOutcomes(keys, 'kl').length > 0) {
    figs.push({
      id: 'overoptimization-tilt',
      role: 'overoptimization-tilt',
      title: 'Overoptimization of tilt at matched KL: gold and proxy reward vs √KL',
      caption: 'the same for the KL-regularized policy π ∝ π0·exp(r̂/β), β set per proxy to reach each KL',
      spec: overoptimizationSpec(rows, { optimizer: 'tilt', excludeFamilies }),
    });
  }
  if (!s.theory.reason && s.theory.points.length > 0) {
    figs.push({
      id: 'theory-residuals',
      role: 'residuals',
      title: 'Distance from the theory line by proxy group',
      caption: 'NDR minus sin(π(A − ½)) for each proxy; the tick is the group mean, the one measure the report ranks groups by',
      spec: residualSpec(s),
    });
  }
  return figs;
}

/** The figure line of a role in a section's markdown ('' when the figure is absent). */
export function figureLine(figs: readonly FigureDef[], role: string): string {
  const f = figs.find((x) => x.role === role);
  return f ? `![${f.title}](${f.id}.svg)` : '';
}

/** The sections that open every report: how to read it, then the leaderboard (the answer). */
export function openingSections(rows: readonly Row[], s: Summary, figs: readonly FigureDef[]): Section[] {
  const id = (role: string) => figs.find((f) => f.role === role)?.id;
  return [
    {
      id: 'answer',
      title: 'The answer: which measurement predicts the gold reward gained',
      body: leaderboardMarkdown(s, rows, { leaderboard: id('leaderboard'), heatmap: id('heatmap') }),
    },
    { id: 'reading', title: 'How to read this report', body: readingGuide(s) },
  ];
}

/**
 * Render the figures and write tables.md and report.html (in memory). `sections` go between the
 * opening sections (the leaderboard) and the reference tables; without them, a section shows the
 * standard figures. A figure no section places is shown in a last section, so none is lost.
 */
export async function buildReport(
  rows: readonly Row[],
  s: Summary,
  provenance?: Partial<Provenance>,
  options: {
    title?: string;
    figures?: FigureDef[];
    sections?: Section[];
    /** Sections after the reference tables' start (e.g. the designs table). */
    appendix?: Section[];
    /** Inline scripts for live figures (src/report/libraries.ts, Node); without them the page shows SVG. */
    libraries?: { names: string[]; scripts: string[] };
  } = {},
): Promise<ReportFiles> {
  const prov: Provenance = {
    version: provenance?.version ?? s.version,
    wasmHash: provenance?.wasmHash ?? s.wasmHash,
    seed: provenance?.seed ?? s.seed,
  };
  const figs = options.figures ?? standardFigures(rows, s);
  const middle = options.sections ?? [
    {
      id: 'figures',
      title: 'Figures',
      body: ['scatter-bon', 'scatter-tilt', 'fixed-beta', 'overoptimization-bon', 'overoptimization-tilt', 'residuals']
        .map((r) => figureLine(figs, r))
        .filter(Boolean)
        .join('\n\n'),
    },
  ];
  const sections = [...openingSections(rows, s, figs), ...middle, ...(options.appendix ?? []), ...appendixSections(s)];
  const placed = sections.map((x) => x.body).join('\n');
  const unplaced = figs.filter((f) => !placed.includes(`](${f.id}.svg)`));
  if (unplaced.length)
    sections.push({ id: 'more-figures', title: 'More figures', body: unplaced.map((f) => `![${f.title}](${f.id}.svg)`).join('\n\n') });

  const files: Record<string, string> = {};
  const rendered: Figure[] = [];
  for (const f of figs) {
    const vega = toVega(f.spec);
    const svg = await renderSvg(f.spec, prov, vega);
    files[`${f.id}.svg`] = svg;
    files[`${f.id}.vl.json`] = `${JSON.stringify({ ...f.spec, usermeta: { rmsim: prov } }, null, 2)}\n`;
    rendered.push({ id: f.id, title: f.title, caption: f.caption, svg, vega });
  }
  files['tables.md'] = sectionsMarkdown(tablesHead(s, prov), sections);
  files['report.html'] = reportHtml({
    title: options.title,
    provenance: prov,
    figures: rendered,
    sections: sections.map((x) => ({ id: x.id, title: x.title, markdown: x.body })),
    libraries: options.libraries,
  });
  return { files, figures: figs.map(({ id, title, spec }) => ({ id, title, spec })) };
}

/**
 * "What this study shows": the sections placed first in tables.md and report.html. Each sentence
 * is written from the numbers of this run (never a canned conclusion): the headline correlation of
 * the theory metric with each outcome and how strong it is, the NDR spread at similar accuracy,
 * how the correlation depends on the range of the population, the configured design trends
 * (responses per prompt, prompts, fixed budgets, shift), and who sits off the theory line.
 */
import { correlations } from '../analysis/correlation.js';
import type { Summary } from '../analysis/summary.js';
import type { Row } from '../data/row.js';
import { annotationBudget } from '../evalset/budget.js';
import { designTrendTable, fmt, fmtEstimate } from '../report/tables.js';
import type { StudyConfig } from './schema.js';

export interface Section {
  title: string;
  body: string;
}

/** Words for |ρ|, as the paper uses them: < 0.4 weak, < 0.7 moderate, otherwise strong. */
export function strength(r: number): string {
  const a = Math.abs(r);
  const sign = r < 0 ? 'negative' : 'positive';
  return a < 0.4 ? `weak ${sign}` : a < 0.7 ? `moderate ${sign}` : `strong ${sign}`;
}

function headline(s: Summary, rows: readonly Row[]): string[] {
  const design = s.theory.design ?? s.designs[0];
  const metric = s.theory.metric;
  const lines: string[] = [];
  const used = rows.filter((r) => !s.excluded.families.includes(r.family));
  const acc = used.map((r) => r.metrics[design]?.[metric] ?? NaN);
  for (const outcome of s.outcomes) {
    const e = s.correlations.find((c) => c.design === design && c.metric === metric && c.outcome === outcome && c.quantity === 'ndr');
    if (!e || !Number.isFinite(e.spearman.value)) continue;
    let line = `- **${metric} on ${design} vs NDR of ${outcome}**: Spearman ${fmtEstimate(e.spearman)} (${strength(e.spearman.value)}), Pearson ${fmtEstimate(e.pearson)}, over ${e.n} proxies.`;
    const sp = s.spread.find((x) => x.design === design && x.metric === metric && x.outcome === outcome && x.quantity === 'ndr');
    if (sp && Number.isFinite(sp.maxRange)) {
      const b = sp.bins[sp.maxRangeBin];
      line += ` Proxies within one ${metric} bin of width ${sp.width} differ in NDR by up to ${fmt(sp.maxRange)} (bin ${fmt(b.lo, 2)}–${fmt(b.hi, 2)}), against ${fmt(sp.totalRange)} over the whole population.`;
    }
    // Population range: the same correlation over the middle half of proxies by the metric.
    const ndr = used.map((r) => r.outcomes[outcome]?.ndr ?? NaN);
    const order = acc
      .map((_, i) => i)
      .filter((i) => Number.isFinite(acc[i]) && Number.isFinite(ndr[i]))
      .sort((a, b) => acc[a] - acc[b]);
    if (order.length >= 8) {
      const mid = order.slice(Math.floor(order.length / 4), Math.ceil((3 * order.length) / 4));
      const c = correlations(
        mid.map((i) => acc[i]),
        mid.map((i) => ndr[i]),
      );
      line += ` Over the middle half of proxies (${metric} ${fmt(acc[mid[0]], 3)}–${fmt(acc[mid[mid.length - 1]], 3)} instead of ${fmt(acc[order[0]], 3)}–${fmt(acc[order[order.length - 1]], 3)}) the Spearman is ${fmt(c.spearman)}: how wide a range of RMs is compared changes the number.`;
    }
    lines.push(line);
  }
  return lines;
}

function offTheLine(s: Summary): string[] {
  const t = s.theory;
  if (t.reason) return [];
  const lines: string[] = [];
  for (const outcome of [...new Set(t.groups.map((g) => g.outcome))]) {
    const gs = t.groups.filter((g) => g.outcome === outcome && g.n >= 2).sort((a, b) => a.rmsResidual - b.rmsResidual);
    if (gs.length < 2) continue;
    const near = gs[0];
    const far = gs[gs.length - 1];
    lines.push(
      `- **${outcome}**: ${near.group} proxies sit ${fmt(near.rmsResidual, 3)} (RMS) from NDR = sin(π(A − ½)); ${far.group} proxies ${fmt(far.rmsResidual, 3)}, mostly ${far.meanResidual < 0 ? 'below' : 'above'} it (mean ${fmt(far.meanResidual, 3)}) over ${metricRange(far)}.`,
    );
  }
  return lines;
}

const metricRange = (g: { accuracyMin: number; accuracyMax: number }) => `accuracies ${fmt(g.accuracyMin, 3)}–${fmt(g.accuracyMax, 3)}`;

/** The findings sections of a study, from its summary, rows and the config's report trends. */
export function findingsSections(config: StudyConfig, s: Summary, rows: readonly Row[]): Section[] {
  const out: Section[] = [];
  const head = headline(s, rows);
  const off = offTheLine(s);
  const intro = [
    `Each proxy RM is measured on preference test sets (eval designs) and by the gold reward an optimizer gains with it (NDR = gain with the proxy / gain with gold). ` +
      `In a purely Gaussian world with test pairs like the policy's samples, NDR = sin(π(A − ½)) exactly; every departure below comes from a mechanism this study turned on.`,
    '',
    ...head,
  ];
  if (off.length > 0) intro.push('', 'Distance from the Gaussian theory line, by error shape (what accuracy cannot see):', '', ...off);
  out.push({ title: 'What this study shows', body: intro.join('\n') });
  for (const t of config.report.trends) {
    const outcome = t.outcome ?? s.outcomes[0];
    const budget = (name: string) => {
      const d = config.designs.find((x) => x.name === name);
      return d ? annotationBudget(d, config.world.evalPrompts) : undefined;
    };
    const body = designTrendTable(s, { designs: t.designs, metric: t.metric, outcome, budget });
    out.push({ title: t.title, body: t.note ? `${t.note}\n\n${body}` : body });
  }
  return out;
}

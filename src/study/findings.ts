/**
 * The paper's four findings (Wen et al., ICLR 2025), as this study's report states them: each a
 * section with its figure and at most one compact table, every sentence written from this run's
 * numbers (never a canned conclusion), placed after the leaderboard in tables.md and report.html.
 * 1. accuracy predicts, but loosely: the headline correlations, their strength, the NDR spread at
 *    similar accuracy, and how the population's range moves the number;
 * 2. how accuracy is measured matters: the configured design trends (responses per prompt,
 *    prompts, where responses come from, benchmark formats);
 * 3. under a fixed annotation budget, counted in labelled pairs or in annotated responses;
 * 4. Regressional Goodhart: who sits off the theory line (ranked by mean residual, the one measure
 *    used everywhere), the overoptimization curves, and the fixed-β outcome where scale decides.
 * Also the designs table, for the appendix.
 */
import { correlations, type Estimate } from '../analysis/correlation.js';
import { pairedSpearman } from '../analysis/paired.js';
import { metricValue, outcomeValue } from '../analysis/sections/input.js';
import { verdictOf } from '../analysis/sections/leaderboard.js';
import type { Summary, TheoryGroup, Verdict } from '../analysis/summary.js';
import { Stream } from '../core/stream.js';
import type { Row } from '../data/row.js';
import { annotationBudget } from '../evalset/budget.js';
import { strength } from '../report/glossary.js';
import { type FigureDef, figureLine } from '../report/index.js';
import { designTrendSpec, outcomeWords, overoptimizationData, tiltOutcomes } from '../report/specs.js';
import { type DesignRow, designsTable, designTrend, fmt, fmtDiff, fmtEstimate, markdownTable, type Section } from '../report/tables.js';
import type { StudyConfig } from './schema.js';

export type { Section };
export { strength };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Finding 1: one table row per analysed outcome, and the sentences under it. */
function finding1(s: Summary, rows: readonly Row[], figs: readonly FigureDef[]): Section {
  const design = s.theory.design ?? s.designs[0];
  const metric = s.theory.metric;
  const used = rows.filter((r) => !s.excluded.families.includes(r.family));
  const acc = used.map((r) => r.metrics[design]?.[metric] ?? NaN);
  const table: string[][] = [];
  const lines: string[] = [];
  for (const outcome of s.outcomes) {
    const e = s.correlations.find((c) => c.design === design && c.metric === metric && c.outcome === outcome && c.quantity === 'ndr');
    if (!e || !isNum(e.spearman.value)) continue;
    const sp = s.spread.find((x) => x.design === design && x.metric === metric && x.outcome === outcome && x.quantity === 'ndr');
    const ndr = used.map((r) => r.outcomes[outcome]?.ndr ?? NaN);
    const order = acc
      .map((_, i) => i)
      .filter((i) => Number.isFinite(acc[i]) && Number.isFinite(ndr[i]))
      .sort((a, b) => acc[a] - acc[b]);
    const mid = order.length >= 8 ? order.slice(Math.floor(order.length / 4), Math.ceil((3 * order.length) / 4)) : [];
    const midRho = mid.length
      ? correlations(
          mid.map((i) => acc[i]),
          mid.map((i) => ndr[i]),
        ).spearman
      : NaN;
    table.push([
      `${outcome} (${outcomeWords(outcome)})`,
      fmtEstimate(e.spearman),
      strength(e.spearman.value),
      fmtEstimate(e.pearson),
      fmt(midRho),
      sp && isNum(sp.maxRange) ? `${fmt(sp.maxRange)} of ${fmt(sp.totalRange)}` : '–',
    ]);
    let line = `- **${metric} on ${design} vs NDR of ${outcome}**: Spearman ${fmtEstimate(e.spearman)} (${strength(e.spearman.value)}), Pearson ${fmtEstimate(e.pearson)}, over ${e.n} proxies.`;
    if (sp && isNum(sp.maxRange)) {
      const b = sp.bins[sp.maxRangeBin];
      line += ` Proxies within one ${metric} bin of width ${sp.width} differ in NDR by up to ${fmt(sp.maxRange)} (bin ${fmt(b.lo, 2)}–${fmt(b.hi, 2)}), against ${fmt(sp.totalRange)} over the whole population.`;
    }
    if (mid.length) {
      line += ` Over the middle half of proxies (${metric} ${fmt(acc[mid[0]], 3)}–${fmt(acc[mid[mid.length - 1]], 3)} instead of ${fmt(acc[order[0]], 3)}–${fmt(acc[order[order.length - 1]], 3)}) the Spearman is ${fmt(midRho)}: how wide a range of RMs is compared changes the number.`;
    }
    lines.push(line);
  }
  const body = [
    `Each proxy RM is measured on preference test sets (eval designs) and by the gold reward an optimizer gains with it (NDR). ` +
      `In a purely Gaussian world whose test pairs are like the policy's samples, NDR = sin(π(A − ½)) exactly; every departure comes from a mechanism this study turned on. ` +
      `The paper finds accuracy only weakly correlated with downstream performance; here:`,
    '',
    ...lines,
    '',
    figureLine(figs, 'scatter-bon'),
    '',
    markdownTable(['outcome', 'Spearman', 'strength', 'Pearson', 'Spearman, middle half', 'max NDR range in one bin, of all'], table, [
      'l',
      'r',
      'l',
      'r',
      'r',
      'r',
    ]),
  ];
  return { id: 'finding-1', title: '1. Accuracy predicts, but loosely', body: body.join('\n') };
}

/**
 * Each design's Spearman (metric with NDR of the outcome) minus the reference design's, by the
 * leaderboard's paired bootstrap: the same proxies, and the same resamples, since the stream is
 * the leaderboard's for this outcome (src/analysis/sections/leaderboard.ts).
 */
function pairedWithin(
  s: Summary,
  rows: readonly Row[],
  designs: readonly string[],
  metric: string,
  outcome: string,
  reference: string,
): Map<string, { verdict: Verdict; difference: Estimate }> {
  const used = rows.filter((r) => !s.excluded.families.includes(r.family));
  const x = (d: string) => used.map((r) => metricValue(r, d, metric));
  const res = pairedSpearman(
    designs.map(x),
    x(reference),
    used.map((r) => outcomeValue(r, outcome, 'ndr')),
    { stream: Stream.from(s.seed, 'paired-bootstrap', outcome, 'ndr'), resamples: s.bootstrap.resamples, level: s.bootstrap.level },
  );
  return new Map(
    designs.map((d, j) => [d, { verdict: verdictOf(res.entries[j].difference, d === reference), difference: res.entries[j].difference }]),
  );
}

/** The designs of a finding's trends, as one figure and one table, with a sentence per trend. */
function trendFinding(
  config: StudyConfig,
  s: Summary,
  rows: readonly Row[],
  finding: 2 | 3,
  id: string,
  title: string,
  intro: string,
): { section: Section; figures: FigureDef[] } | undefined {
  const trends = config.report.trends.filter((t) => (t.finding ?? 2) === finding);
  if (trends.length === 0) return undefined;
  const budget = (name: string) => {
    const d = config.designs.find((x) => x.name === name);
    return d ? annotationBudget(d, config.world.evalPrompts) : undefined;
  };
  const panels = trends.map((t) => ({
    title: t.title,
    designs: t.designs,
    metric: t.metric,
    outcome: t.outcome ?? s.outcomes[0],
    ordered: t.ordered,
  }));
  const figures: FigureDef[] = [];
  try {
    figures.push({
      id: `${id}-designs`,
      role: id,
      title,
      caption: 'each row a design; filled: Spearman of one eval set with its interval; hollow: the mean over the eval-set draws',
      spec: designTrendSpec(s, panels, title),
    });
  } catch {
    // no correlations for these designs: the sentences say so
  }
  const parts = [intro, ''];
  // finding 3 compares within each budget, against its k = 2 design (or its first), not against
  // the leaderboard's reference, which spends another budget
  const within = new Map(
    finding === 3
      ? panels.map((t) => {
          const ref = t.designs.find((d) => budget(d)?.responsesPerPrompt === 2) ?? t.designs[0];
          return [t.title, { ref, entry: pairedWithin(s, rows, t.designs, t.metric, t.outcome, ref) }] as const;
        })
      : [],
  );
  const pairedOf = (title: string, metric: string) => {
    const w = within.get(title);
    return w ? { reference: `${metric} on ${w.ref}`, entry: (d: string) => w.entry.get(d) } : undefined;
  };
  for (const t of panels) {
    const tr = designTrend(s, { ...t, budget: finding === 3 ? budget : undefined, paired: pairedOf(t.title, t.metric) });
    const note = config.report.trends.find((x) => x.title === t.title)?.note;
    parts.push(`- **${t.title}.** ${note ? `${note} ` : ''}${tr.text}`);
  }
  if (figures.length) parts.push('', `![${title}](${figures[0].id}.svg)`);
  // one compact table: every design of the finding once, in trend order (finding 3: once per
  // budget, each against that budget's own reference)
  const seen = new Set<string>();
  const rowsOut: string[][] = [];
  const lb = s.leaderboard?.outcomes.find((o) => o.outcome === panels[0].outcome);
  for (const t of panels) {
    const w = within.get(t.title);
    for (const d of t.designs) {
      if (!w && seen.has(d)) continue;
      seen.add(d);
      const c = s.correlations.find((e) => e.design === d && e.metric === t.metric && e.outcome === t.outcome && e.quantity === 'ndr');
      const r = s.resampling.find((e) => e.design === d && e.metric === t.metric && e.outcome === t.outcome && e.quantity === 'ndr');
      const p = w ? w.entry.get(d) : lb?.entries.find((e) => e.design === d && e.metric === t.metric);
      const b = budget(d);
      rowsOut.push([
        ...(finding === 3 ? [t.title] : []),
        d,
        ...(finding === 3
          ? [b ? `${b.prompts} × ${b.responsesPerPrompt}` : '–', b ? String(b.labelledPairs) : '–', b ? String(b.annotatedResponses) : '–']
          : []),
        c ? fmtEstimate(c.spearman) : '–',
        r && isNum(r.acrossReplicates.spearman.mean)
          ? `${fmt(r.acrossReplicates.spearman.mean)} ± ${fmt(r.acrossReplicates.spearman.sd)}`
          : '–',
        p ? (p.verdict === 'reference' ? '(reference)' : fmtDiff(p.difference)) : '–',
      ]);
    }
  }
  const refName = s.leaderboard?.reference ? `${s.leaderboard.reference.metric} on ${s.leaderboard.reference.design}` : 'the reference';
  const R = s.resampling[0]?.replicates;
  parts.push(
    '',
    markdownTable(
      [
        ...(finding === 3 ? ['budget'] : []),
        'design',
        ...(finding === 3 ? ['prompts × k', 'labelled pairs', 'annotated responses'] : []),
        'Spearman',
        `mean ± sd over ${R ?? 1} eval sets`,
        finding === 3 ? "minus the budget's k = 2 design (paired)" : `minus ${refName} (paired)`,
      ],
      rowsOut,
      [...(finding === 3 ? (['l', 'l', 'r', 'r', 'r'] as const) : (['l'] as const)), 'r', 'r', 'r'],
    ),
  );
  return { section: { id, title, body: parts.join('\n') }, figures };
}

/** Per group, at the largest best-of-n budget: median gold and proxy gain, and where gold peaks. */
function overoptimizationLines(rows: readonly Row[], s: Summary, optimizer: 'bon' | 'tilt'): string[] {
  let data: Record<string, unknown>[];
  try {
    data = overoptimizationData(rows, { optimizer, excludeFamilies: s.excluded.families });
  } catch {
    return [];
  }
  const out: string[] = [];
  const groups = [...new Set(data.map((d) => d.group as string))];
  const peaks: string[] = [];
  const gaps: { g: string; gold: number; proxy: number; budget: string }[] = [];
  for (const g of groups) {
    const gold = data.filter((d) => d.group === g && d.quantity === 'gold reward' && d.budget !== 'start');
    const proxy = data.filter((d) => d.group === g && d.quantity === 'proxy reward' && d.budget !== 'start');
    if (gold.length === 0) continue;
    const last = gold[gold.length - 1];
    const best = gold.reduce((a, b) => ((b.median as number) > (a.median as number) ? b : a));
    if (best !== last)
      peaks.push(
        `${g} (gold peaks at ${best.budget}, ${fmt(best.median as number)}, then ${fmt(last.median as number)} at ${last.budget})`,
      );
    const lp = proxy.find((d) => d.budget === last.budget);
    if (lp) gaps.push({ g, gold: last.median as number, proxy: lp.median as number, budget: last.budget as string });
  }
  const what = optimizer === 'bon' ? 'best-of-n' : 'tilt at matched KL';
  if (gaps.length) {
    const sorted = [...gaps].sort((a, b) => b.proxy - b.gold - (a.proxy - a.gold));
    const top = sorted[0];
    const low = sorted[sorted.length - 1];
    out.push(
      `- **Overoptimization of ${what}** (median over each group's proxies, at ${top.budget}): ${top.g} proxies promise ${fmt(top.proxy)} of proxy reward and deliver ${fmt(top.gold)} of gold; ${low.g} proxies promise ${fmt(low.proxy)} and deliver ${fmt(low.gold)}. ` +
        (peaks.length
          ? `Gold reward turns down before the largest budget for ${peaks.join('; ')}.`
          : `No group's median gold reward turns down within these budgets: the gap between proxy and gold reward grows instead.`),
    );
  }
  return out;
}

/** Finding 4: groups ranked by mean residual, the curves, and the fixed-β outcome. */
function finding4(s: Summary, rows: readonly Row[], figs: readonly FigureDef[]): Section | undefined {
  const t = s.theory;
  if (t.reason)
    return {
      id: 'finding-4',
      title: '4. Regressional Goodhart: what accuracy cannot see',
      body: `No theory-line comparison: ${t.reason}.`,
    };
  const outcomes = [...new Set(t.groups.map((g) => g.outcome))];
  const groups = [...new Set(t.groups.map((g) => g.group))];
  const at = (g: string, o: string): TheoryGroup | undefined => t.groups.find((x) => x.group === g && x.outcome === o);
  // one measure ranks the groups everywhere: the mean residual, on the last theory outcome (the largest budget of the first optimizer)
  const rankOutcome = outcomes.filter((o) => o.startsWith('bon@')).pop() ?? outcomes[0];
  const ranked = groups
    .filter((g) => at(g, rankOutcome))
    .sort((a, b) => (at(b, rankOutcome)?.meanResidual ?? 0) - (at(a, rankOutcome)?.meanResidual ?? 0));
  const lines: string[] = [];
  const top = at(ranked[0], rankOutcome);
  const bottom = at(ranked[ranked.length - 1], rankOutcome);
  if (top && bottom && ranked.length > 1) {
    const below = ranked.map((g) => at(g, rankOutcome)!).filter((g) => g.meanResidual < 0 && g.n >= 2);
    lines.push(
      `- **At equal ${t.metric}**, ranked by mean residual NDR − sin(π(A − ½)) at ${rankOutcome}: ${top.group} proxies sit highest (${fmt(top.meanResidual, 3)}), ${bottom.group} lowest (${fmt(bottom.meanResidual, 3)}). ` +
        (below.length
          ? `Below the line on average: ${below.map((g) => `${g.group} by ${fmt(-g.meanResidual, 2)}`).join(', ')}. The error's shape that puts them there is invisible to ${t.metric}.`
          : 'No group sits below the line on average.'),
    );
  }
  lines.push(...overoptimizationLines(rows, s, 'bon'), ...overoptimizationLines(rows, s, 'tilt'));
  const fixed = tiltOutcomes(s.outcomes, 'beta')[0]?.key;
  const design = t.design ?? s.designs[0];
  if (fixed) {
    const e = s.correlations.find((c) => c.design === design && c.metric === t.metric && c.outcome === fixed && c.quantity === 'ndr');
    // the rescaled proxies: the same error shapes at other scales, so what moves their NDR at a fixed β is scale
    const rescaled = rows.filter((r) => r.family === 'transform' && !s.excluded.families.includes(r.family));
    if (e && isNum(e.spearman.value)) {
      let line = `- **At a fixed β (${fixed})**, ${t.metric} on ${design} correlates ${fmtEstimate(e.spearman)} (${strength(e.spearman.value)}) with NDR`;
      if (rescaled.length >= 5) {
        const ndr = rescaled.map((r) => r.outcomes[fixed]?.ndr ?? NaN);
        const klRho = correlations(
          rescaled.map((r) => r.outcomes[fixed]?.kl ?? NaN),
          ndr,
        ).spearman;
        const accRho = correlations(
          rescaled.map((r) => r.metrics[design]?.[t.metric] ?? NaN),
          ndr,
        ).spearman;
        line += `. Among the ${rescaled.length} rescaled (transform) proxies, NDR correlates ${fmt(klRho)} with the KL their policy moves from π0, which their scale sets, and ${fmt(accRho)} with ${t.metric}`;
        line +=
          isNum(klRho) && isNum(accRho) && Math.abs(klRho) > Math.abs(accRho)
            ? `: at a fixed β the reward's scale, which ${t.metric} cannot see, matters more than its accuracy.`
            : '.';
      } else line += '.';
      lines.push(line);
    }
  }
  const table = markdownTable(
    ['proxy group', 'proxies', `${t.metric} range`, ...outcomes.map((o) => `mean residual, ${o}`)],
    ranked.map((g) => {
      const any = t.groups.find((x) => x.group === g)!;
      return [
        g,
        String(any.n),
        `${fmt(any.accuracyMin, 3)}–${fmt(any.accuracyMax, 3)}`,
        ...outcomes.map((o) => fmt(at(g, o)?.meanResidual, 3)),
      ];
    }),
    ['l', 'r', 'r', ...outcomes.map(() => 'r' as const)],
  );
  const body = [
    `Through Regressional Goodhart (proxy = gold + error), the paper argues, accuracy cannot see the overoptimization that the error's shape and scale cause. Here:`,
    '',
    ...lines,
    '',
    figureLine(figs, 'residuals'),
    '',
    table,
    '',
    figureLine(figs, 'overoptimization-bon'),
    '',
    figureLine(figs, 'overoptimization-tilt'),
    '',
    figureLine(figs, 'fixed-beta'),
  ];
  return { id: 'finding-4', title: '4. Regressional Goodhart: what accuracy cannot see', body: body.join('\n') };
}

/** The designs table of a config, for the appendix. */
export function designRows(config: StudyConfig): DesignRow[] {
  return config.designs.map((d) => {
    const b = annotationBudget(d, config.world.evalPrompts);
    const source =
      d.source === 'shifted'
        ? `shifted (${d.shift > 0 ? '+' : ''}${d.shift} sd)`
        : d.source === 'rank-bins'
          ? `rank bins ${d.binA} vs ${d.binB} of ${d.bins}`
          : d.source;
    const pairing =
      d.pairing === 'random'
        ? `random, ${d.pairsPerPrompt} a prompt`
        : d.pairing === 'chosen-rejected'
          ? `${d.chosen} chosen × ${d.k - d.chosen} rejected`
          : d.pairing;
    const labels = d.labels === 'flip' ? `flipped at ${d.flipRate}` : d.labels;
    return {
      name: d.name,
      prompts: b.prompts,
      k: d.k,
      source,
      pairing,
      labels,
      labelledPairs: b.labelledPairs,
      annotatedResponses: b.annotatedResponses,
    };
  });
}

/**
 * The findings of a study — sections 1–4 with the figures they add — and the appendix sections
 * (the designs table), from its config, summary, rows and the report's standard figures.
 */
export function findingsReport(
  config: StudyConfig,
  s: Summary,
  rows: readonly Row[],
  figs: readonly FigureDef[],
): { sections: Section[]; figures: FigureDef[]; appendix: Section[] } {
  const sections: Section[] = [finding1(s, rows, figs)];
  const figures: FigureDef[] = [];
  const f2 = trendFinding(
    config,
    s,
    rows,
    2,
    'finding-2',
    '2. How accuracy is measured matters',
    'The paper finds that the number of responses per prompt, the number of prompts, where the responses come from and the format of the test change how well accuracy predicts. Here:',
  );
  const f3 = trendFinding(
    config,
    s,
    rows,
    3,
    'finding-3',
    '3. Under a fixed annotation budget',
    'The paper finds that, for a fixed budget, more responses per prompt help best-of-n, with a gain that fades. A budget can be counted in labelled pairs or in annotated responses (a ranked list of k responses gives C(k, 2) pairs from k annotations); the two favour different designs. Here:',
  );
  for (const f of [f2, f3]) {
    if (!f) continue;
    sections.push(f.section);
    figures.push(...f.figures);
  }
  const f4 = finding4(s, rows, figs);
  if (f4) sections.push(f4);
  const appendix: Section[] = [
    {
      id: 'designs',
      title: 'The eval designs',
      body: `Each design is drawn from the ${config.world.evalPrompts} eval prompts (separate from the optimization prompts), ${config.replicates} time${config.replicates === 1 ? '' : 's'}; the budget counts labelled pairs and annotated responses.\n\n${designsTable(designRows(config))}`,
    },
  ];
  return { sections, figures, appendix };
}

/**
 * tables.md: markdown tables of the summary, each followed by a sentence or two written from its
 * numbers (which metric predicts best and worst, how far apart proxies in one bin are, how much
 * of the correlation eval-set noise costs, who sits off the theory line). Nothing here states a
 * conclusion the numbers do not carry; where a number is undefined the reason is printed.
 */
import type { Estimate } from '../analysis/correlation.js';
import type { CorrelationEntry, SpreadEntry, Summary, TheoryGroup, Verdict } from '../analysis/summary.js';
import { fmtDiff } from './format.js';
import { type Provenance, provenanceLine } from './render.js';

export { fmtDiff, fmtSigned } from './format.js';

type Maybe = number | null | undefined;

const isNum = (v: Maybe): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number with `d` decimals, '–' when missing; −0.00 printed as 0.00. */
export function fmt(v: Maybe, d = 2): string {
  if (!isNum(v)) return '–';
  const s = v.toFixed(d);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** "0.41 [0.22, 0.57]", or "n/a (reason)". */
export function fmtEstimate(e: Estimate, d = 2): string {
  if (!isNum(e.value as Maybe)) return `n/a${e.reason ? ` (${e.reason})` : ''}`;
  const ci = isNum(e.lo as Maybe) && isNum(e.hi as Maybe) ? ` [${fmt(e.lo, d)}, ${fmt(e.hi, d)}]` : '';
  return `${fmt(e.value, d)}${ci}`;
}

const pct = (v: Maybe): string => (isNum(v) ? `${Math.round(v * 100)}%` : '–');

/** A markdown table; cells are escaped for '|'. */
export function markdownTable(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n');
}

const ciExcludesZero = (e: Estimate): boolean => isNum(e.lo as Maybe) && isNum(e.hi as Maybe) && (e.lo > 0 || e.hi < 0);

/** One table per outcome: Pearson/Spearman/Kendall of every (design, metric) with NDR. */
export function correlationTables(s: Summary, quantity = 'ndr'): string {
  const parts: string[] = [];
  for (const outcome of s.outcomes) {
    const es = s.correlations.filter((e) => e.outcome === outcome && e.quantity === quantity);
    if (es.length === 0) continue;
    parts.push(`### ${quantity.toUpperCase()} of ${outcome}`);
    parts.push(correlationSentence(es, outcome, quantity, s.bootstrap.level));
    parts.push(
      `<details>\n<summary>All ${es.length} correlations with ${quantity.toUpperCase()} of ${outcome}</summary>\n\n${markdownTable(
        ['design', 'metric', 'n', 'Pearson', 'Spearman', 'Kendall τ_b'],
        es.map((e) => [e.design, e.metric, String(e.n), fmtEstimate(e.pearson), fmtEstimate(e.spearman), fmtEstimate(e.kendall)]),
        ['l', 'l', 'r', 'r', 'r', 'r'],
      )}\n\n</details>`,
    );
  }
  return parts.join('\n\n');
}

function correlationSentence(es: CorrelationEntry[], outcome: string, quantity: string, level: number): string {
  const defined = es.filter((e) => isNum(e.spearman.value as Maybe));
  const what = `${quantity.toUpperCase()} of ${outcome}`;
  if (defined.length === 0) return `No metric has a defined correlation with ${what}.`;
  // strength is |ρ|; a metric whose higher values mean lower NDR (ECE, reward variance) predicts too
  const sorted = [...defined].sort((a, b) => b.spearman.value - a.spearman.value);
  const best = sorted[0];
  const byStrength = [...defined].sort((a, b) => Math.abs(a.spearman.value) - Math.abs(b.spearman.value));
  const weakest = byStrength[0];
  const mostNegative = sorted[sorted.length - 1];
  const name = (e: CorrelationEntry): string => `${e.metric} on ${e.design}`;
  let text = `The strongest positive Spearman correlation with ${what} is that of ${name(best)}: ${fmtEstimate(best.spearman)}`;
  if (weakest !== best) text += `; the weakest in absolute value is ${name(weakest)}: ${fmtEstimate(weakest.spearman)}`;
  if (mostNegative.spearman.value < 0 && mostNegative !== weakest) {
    text += `; ${name(mostNegative)} correlates negatively (${fmtEstimate(mostNegative.spearman)}): lower values of it go with higher ${quantity.toUpperCase()}`;
  }
  text += '.';
  const withCi = defined.filter((e) => isNum(e.spearman.lo as Maybe));
  if (withCi.length > 0) {
    const excl = withCi.filter((e) => ciExcludesZero(e.spearman)).length;
    text += ` ${excl} of ${withCi.length} Spearman ${Math.round(level * 100)}% intervals exclude zero.`;
  }
  text +=
    ' Whether one metric predicts better than another is the paired comparison of the leaderboard, not a matter of these separate intervals.';
  const undef = es.filter((e) => !isNum(e.spearman.value as Maybe));
  if (undef.length > 0) text += ` Undefined: ${undef.map((e) => `${name(e)} (${e.spearman.reason ?? 'undefined'})`).join('; ')}.`;
  return text;
}

/**
 * Spread of NDR at similar metric values: one table per (design, metric) with a row per bin and,
 * per outcome, the range and IQR of NDR within the bin.
 */
export function spreadTables(s: Summary, filter: (e: SpreadEntry) => boolean = () => true): string {
  const entries = s.spread.filter(filter);
  const groups = new Map<string, SpreadEntry[]>();
  for (const e of entries) {
    const key = JSON.stringify([e.design, e.metric, e.quantity]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(e);
  }
  const parts: string[] = [];
  for (const es of groups.values()) {
    const first = es[0];
    const q = first.quantity.toUpperCase();
    parts.push(`### ${q} within ${first.metric} bins of width ${first.width} on ${first.design}`);
    // bins are the same for every outcome except where an outcome is missing for some proxies
    const index = [...new Set(es.flatMap((e) => e.bins.map((b) => b.index)))].sort((x, y) => x - y);
    const rows = index.map((i) => {
      const bins = es.map((e) => e.bins.find((b) => b.index === i));
      const any = bins.find((b) => b !== undefined)!;
      return [
        `[${fmt(any.lo, 3)}, ${fmt(any.hi, 3)})`,
        String(Math.max(...bins.map((b) => b?.count ?? 0))),
        // one proxy has no spread: '–' rather than a misleading 0.00
        ...bins.map((b) => (b && b.count >= 2 ? `${fmt(b.range)} / ${fmt(b.iqr)}` : '–')),
      ];
    });
    parts.push(
      markdownTable([`${first.metric} bin`, 'proxies', ...es.map((e) => `${e.outcome} range / IQR`)], rows, [
        'l',
        'r',
        ...es.map(() => 'r' as const),
      ]),
    );
    parts.push(spreadSentence(es));
  }
  return parts.join('\n\n');
}

function spreadSentence(es: SpreadEntry[]): string {
  const e = es[0];
  const q = e.quantity.toUpperCase();
  if (e.maxRangeBin < 0)
    return `No ${e.metric} bin of width ${e.width} holds two or more proxies, so there is no within-bin spread to report.`;
  const b = e.bins[e.maxRangeBin];
  const multi = e.bins.filter((x) => x.count >= 2);
  const medianRange = [...multi.map((x) => x.range)].sort((x, y) => x - y)[Math.floor((multi.length - 1) / 2)];
  let text =
    `For ${e.outcome}, proxies within one ${e.width} ${e.metric} bin differ by up to ${fmt(e.maxRange)} in ${q} ` +
    `(bin [${fmt(b.lo, 3)}, ${fmt(b.hi, 3)}), ${b.count} proxies${b.lowId ? `: ${b.lowId} at ${fmt(b.min)} vs ${b.highId} at ${fmt(b.max)}` : ''}), ` +
    `${pct(e.maxRange / e.totalRange)} of the ${fmt(e.totalRange)} that ${q} spans over all ${e.n} proxies.`;
  if (multi.length > 1)
    text += ` The median within-bin range over the ${multi.length} bins with two or more proxies is ${fmt(medianRange)}.`;
  const others = es.slice(1).filter((x) => x.maxRangeBin >= 0);
  if (others.length) {
    text += ` The largest within-bin range is ${others.map((x) => `${fmt(x.maxRange)} for ${x.outcome}`).join(', ')}.`;
  }
  return text;
}

/**
 * Eval-set resampling in one design × metric table for one outcome: each cell the Spearman with
 * NDR over the R eval-set draws (mean ± sd) and, in parentheses, the share of the metric's variance
 * across proxies that is eval-set noise.
 */
export function resamplingTables(s: Summary, o: { outcome?: string; quantity?: string } = {}): string {
  const quantity = o.quantity ?? 'ndr';
  const outcome = o.outcome ?? s.outcomes[0];
  const entries = s.resampling.filter((e) => e.outcome === outcome && e.quantity === quantity);
  if (entries.length === 0) return 'No eval design was drawn more than once, so eval-set noise was not measured.';
  const designs = s.designs.filter((d) => entries.some((e) => e.design === d));
  const metrics = [...new Set(entries.map((e) => e.metric))];
  const R = entries[0].replicates;
  const cell = (d: string, m: string): string => {
    const e = entries.find((x) => x.design === d && x.metric === m);
    if (!e) return '';
    if (e.reason) return 'n/a';
    const sp = e.acrossReplicates.spearman;
    return `${fmt(sp.mean)} ± ${fmt(sp.sd)} (${pct(e.noiseShare)})`;
  };
  const table = markdownTable(
    ['design', ...metrics],
    designs.map((d) => [d, ...metrics.map((m) => cell(d, m))]),
    ['l', ...metrics.map(() => 'r' as const)],
  );
  const head = `Spearman with ${quantity.toUpperCase()} of ${outcome} over ${R} eval-set draws of each design (mean ± sd), and in parentheses the share of the metric's variance across proxies that is eval-set sampling noise (0% = none). Blank: the metric is not computed on that design.`;
  // the sentence: the noisiest and the least noisy design for the first metric
  const m0 = metrics[0];
  const withNoise = entries.filter((e) => e.metric === m0 && !e.reason && isNum(e.noiseShare));
  let text = '';
  if (withNoise.length >= 2) {
    const hi = withNoise.reduce((a, b) => (b.noiseShare > a.noiseShare ? b : a));
    const lo = withNoise.reduce((a, b) => (b.noiseShare < a.noiseShare ? b : a));
    text =
      `For ${m0}, eval-set noise is largest on ${hi.design} (${pct(hi.noiseShare)} of its variance across proxies; one draw gives Spearman ` +
      `${fmt(hi.acrossReplicates.spearman.min)} to ${fmt(hi.acrossReplicates.spearman.max)}) and smallest on ${lo.design} (${pct(lo.noiseShare)}).`;
    if (isNum(hi.pearsonDisattenuated))
      text += ` Removing the noise of one ${hi.design} set would raise its Pearson from ${fmt(hi.single.pearson)} to ${fmt(hi.pearsonDisattenuated)}${hi.pearsonDisattenuated > 1 ? ' (above 1: the noise share is estimated from few draws)' : ''}.`;
  }
  return [head, table, text].filter(Boolean).join('\n\n');
}

/** A design's definition, as the designs table prints it. */
export interface DesignRow {
  name: string;
  prompts: number;
  k: number;
  source: string;
  pairing: string;
  labels: string;
  labelledPairs: number;
  annotatedResponses: number;
}

/** The one table that defines the eval designs, with the budget in both accountings. */
export function designsTable(designs: readonly DesignRow[]): string {
  return markdownTable(
    ['design', 'prompts', 'k', 'source', 'pairing', 'labels', 'labelled pairs', 'annotated responses'],
    designs.map((d) => [
      d.name,
      String(d.prompts),
      String(d.k),
      d.source,
      d.pairing,
      d.labels,
      String(d.labelledPairs),
      String(d.annotatedResponses),
    ]),
    ['l', 'r', 'r', 'l', 'l', 'l', 'r', 'r'],
  );
}

/** Residuals from the theory line by error shape, per outcome. */
export function theoryTables(s: Summary): string {
  const t = s.theory;
  if (t.reason) return `No theory-line comparison: ${t.reason}.`;
  const parts: string[] = [];
  const flip = t.flip > 0 ? ` (accuracy un-flipped for label flip rate ${t.flip})` : '';
  const outcomes = [...new Set(t.groups.map((g) => g.outcome))];
  for (const outcome of outcomes) {
    const gs = t.groups.filter((g) => g.outcome === outcome);
    parts.push(`### NDR of ${outcome} minus sin(π(A − ½)), A = ${t.metric} on ${t.design}${flip}`);
    // one measure ranks the groups everywhere: the mean residual, highest (above the line) first
    gs.sort((a, b) => b.meanResidual - a.meanResidual);
    parts.push(
      markdownTable(
        ['proxies', 'n', `${t.metric} range`, 'mean residual', 'mean |residual|', 'RMS', 'max |residual|'],
        gs.map((g) => [
          g.group,
          String(g.n),
          `${fmt(g.accuracyMin, 3)}–${fmt(g.accuracyMax, 3)}`,
          fmt(g.meanResidual, 3),
          fmt(g.meanAbsResidual, 3),
          fmt(g.rmsResidual, 3),
          fmt(g.maxAbsResidual, 3),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    parts.push(theorySentence(gs, outcome));
  }
  return parts.join('\n\n');
}

function theorySentence(gs: TheoryGroup[], outcome: string): string {
  const side = (g: TheoryGroup): string =>
    `${fmt(Math.abs(g.meanResidual), 3)} ${g.meanResidual >= 0 ? 'above' : 'below'} the line on average (RMS ${fmt(g.rmsResidual, 3)}, ${g.n} proxies)`;
  const byMean = [...gs].sort((a, b) => b.meanResidual - a.meanResidual);
  const top = byMean[0];
  let text = `On ${outcome}, ranked by mean residual, ${top.group} proxies sit highest: ${side(top)}`;
  if (byMean.length > 1) {
    const low = byMean[byMean.length - 1];
    text += `; ${low.group} proxies sit lowest: ${side(low)}`;
  }
  return `${text}.`;
}

/**
 * A table of one (metric, outcome) correlation across a list of designs — for sweeps over a
 * design parameter (responses per prompt, prompts, a fixed budget) — with a sentence on its trend.
 */
export function designTrendTable(s: Summary, o: DesignTrendOptions): string {
  const t = designTrend(s, o);
  return t.table ? `${t.table}\n\n${t.text}` : t.text;
}

export interface DesignTrendOptions {
  designs: string[];
  metric: string;
  outcome: string;
  label?: (design: string) => string;
  quantity?: string;
  /**
   * Whether the designs follow one knob in order: then the sentence reads the trend from the first
   * to the last ("rises", "monotonically"); otherwise (the default) it names the highest and lowest.
   */
  ordered?: boolean;
  /**
   * The paired comparison the table and sentence report, per design (default: the leaderboard's,
   * against its reference): `reference` names what it is against.
   */
  paired?: { reference: string; entry: (design: string) => { verdict: Verdict; difference: Estimate } | undefined };
  /** The annotation budget of a design, in both accountings (adds three columns). */
  budget?: (
    design: string,
  ) => { prompts: number; responsesPerPrompt: number; labelledPairs: number; annotatedResponses: number } | undefined;
}

/** designTrendTable's table and its sentence, apart. */
export function designTrend(s: Summary, o: DesignTrendOptions): { table: string; text: string } {
  const quantity = o.quantity ?? 'ndr';
  const label = o.label ?? ((d: string) => d);
  const es = o.designs
    .map((d) => s.correlations.find((e) => e.design === d && e.metric === o.metric && e.outcome === o.outcome && e.quantity === quantity))
    .filter((e): e is CorrelationEntry => e !== undefined);
  if (es.length === 0) return { table: '', text: `No correlations of ${o.metric} with ${o.outcome} on these designs.` };
  // Spearman on each of the R eval-set replicates: its mean is less noisy than replicate 0 alone
  const rep = (d: string) =>
    s.resampling.find((r) => r.design === d && r.metric === o.metric && r.outcome === o.outcome && r.quantity === quantity);
  const withReps = es.some((e) => rep(e.design) !== undefined);
  const repCell = (d: string): string => {
    const r = rep(d)?.acrossReplicates.spearman;
    return r && isNum(r.mean) ? `${fmt(r.mean)} ± ${fmt(r.sd)}` : '–';
  };
  const R = withReps ? rep(es.find((e) => rep(e.design))!.design)!.replicates : 0;
  // the paired difference from the leaderboard's reference, on the same proxy resamples
  const lb = s.leaderboard?.outcomes.find((x) => x.outcome === o.outcome && x.quantity === quantity);
  const refName =
    o.paired?.reference ?? (s.leaderboard?.reference ? `${s.leaderboard.reference.metric} on ${s.leaderboard.reference.design}` : '');
  const paired = o.paired?.entry ?? ((d: string) => lb?.entries.find((e) => e.design === d && e.metric === o.metric));
  const withPaired = (o.paired !== undefined || lb !== undefined) && refName !== '';
  const pairedCell = (d: string): string => {
    const e = paired(d);
    if (!e) return '–';
    if (e.verdict === 'reference') return '(reference)';
    return isNum(e.difference.value as Maybe) ? fmtDiff(e.difference) : '–';
  };
  const budgetCells = (d: string): string[] => {
    const b = o.budget?.(d);
    return b ? [`${b.prompts} × ${b.responsesPerPrompt}`, String(b.labelledPairs), String(b.annotatedResponses)] : ['–', '–', '–'];
  };
  const table = markdownTable(
    [
      'design',
      ...(o.budget ? ['prompts × k', 'labelled pairs', 'annotated responses'] : []),
      'n',
      'Pearson',
      'Spearman',
      'Kendall τ_b',
      ...(withReps ? [`Spearman over ${R} eval sets (mean ± sd)`] : []),
      ...(withPaired ? [`Spearman minus ${refName} (paired)`] : []),
    ],
    es.map((e) => [
      label(e.design),
      ...(o.budget ? budgetCells(e.design) : []),
      String(e.n),
      fmtEstimate(e.pearson),
      fmtEstimate(e.spearman),
      fmtEstimate(e.kendall),
      ...(withReps ? [repCell(e.design)] : []),
      ...(withPaired ? [pairedCell(e.design)] : []),
    ]),
    ['l', ...(o.budget ? (['r', 'r', 'r'] as const) : []), 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const what = `the Spearman correlation of ${o.metric} with ${quantity.toUpperCase()} of ${o.outcome}`;
  const defined = es.filter((e) => isNum(e.spearman.value as Maybe));
  let text: string;
  if (o.ordered) {
    const first = es[0];
    const last = es[es.length - 1];
    text = `From ${label(first.design)} to ${label(last.design)}, ${what} `;
    const a = first.spearman.value as Maybe;
    const b = last.spearman.value as Maybe;
    if (!isNum(a) || !isNum(b)) text += 'is undefined at one end.';
    else {
      const dir = b > a ? 'rises' : b < a ? 'falls' : 'stays';
      text += `${dir} from ${fmt(a)} to ${fmt(b)}`;
      const vals = defined.map((e) => e.spearman.value);
      const monotone = vals.every((v, i) => i === 0 || (b >= a ? v >= vals[i - 1] : v <= vals[i - 1]));
      text += monotone ? ', monotonically.' : `, not monotonically (between ${fmt(Math.min(...vals))} and ${fmt(Math.max(...vals))}).`;
    }
  } else if (defined.length < 2) {
    text = `Of these designs, ${what} is defined on ${defined.length === 1 ? `${label(defined[0].design)} only` : 'none'}.`;
  } else {
    // no order among the designs: only which is highest and which lowest (the first of equals)
    const hi = defined.reduce((a, b) => (b.spearman.value > a.spearman.value ? b : a));
    const lo = defined.reduce((a, b) => (b.spearman.value < a.spearman.value ? b : a));
    text =
      hi.spearman.value === lo.spearman.value
        ? `Across these designs, ${what} is the same, ${fmt(hi.spearman.value)}.`
        : `Across these designs, ${what} is highest on ${label(hi.design)} (${fmt(hi.spearman.value)}) and lowest on ${label(lo.design)} (${fmt(lo.spearman.value)}).`;
  }
  if (withPaired) {
    const better = es.filter((e) => paired(e.design)?.verdict === 'better').map((e) => label(e.design));
    const worse = es.filter((e) => paired(e.design)?.verdict === 'worse').map((e) => label(e.design));
    text += ` By the paired bootstrap against ${refName}, ${better.length ? `${better.join(', ')} beat${better.length === 1 ? 's' : ''} it` : 'none beats it'}${worse.length ? ` and ${worse.join(', ')} ${worse.length === 1 ? 'is' : 'are'} worse` : ''}.`;
  }
  if (withReps) {
    const means = es
      .map((e) => ({ d: label(e.design), m: rep(e.design)?.acrossReplicates.spearman.mean as Maybe }))
      .filter((x) => isNum(x.m));
    if (means.length >= 2) {
      const best = means.reduce((a, b) => (b.m! > a.m! ? b : a));
      const worst = means.reduce((a, b) => (b.m! < a.m! ? b : a));
      text += ` Averaged over the ${R} eval-set draws, ${best.d} predicts best (${fmt(best.m)}) and ${worst.d} worst (${fmt(worst.m)}).`;
    }
  }
  return { table, text };
}

/** A section of tables.md and report.html: markdown whose lines `![title](id.svg)` place figures. */
export interface Section {
  /** anchor in the page */
  id: string;
  title: string;
  body: string;
}

/** The reference sections after the findings: every correlation, same-metric spread, eval-set resampling, theory line. */
export function appendixSections(
  s: Summary,
  options: {
    /** Which spread tables to print (default: the theory design's). */
    spreadFilter?: (e: SpreadEntry) => boolean;
    /** The outcome of the resampling table (default: the first analysed). */
    resamplingOutcome?: string;
  } = {},
): Section[] {
  const spreadFilter = options.spreadFilter ?? ((e: SpreadEntry) => s.theory.design === null || e.design === s.theory.design);
  return [
    { id: 'correlations', title: 'Correlation of each metric with NDR across proxies', body: correlationTables(s) },
    {
      id: 'spread',
      title: 'Same-metric spread: NDR at similar scores',
      body: spreadTables(s, spreadFilter) || 'No spread tables (the binned metric is not in the rows).',
    },
    {
      id: 'resampling',
      title: 'Eval-set resampling: how much of the correlation is test-set noise',
      body: resamplingTables(s, { outcome: options.resamplingOutcome }),
    },
    { id: 'theory-line', title: 'Distance from the Gaussian theory line NDR = sin(π(A − ½))', body: theoryTables(s) },
  ];
}

/** The head of tables.md: title, provenance, what was analysed. */
export function tablesHead(s: Summary, provenance?: Partial<Provenance>): string {
  const prov = provenanceLine({
    version: provenance?.version ?? s.version,
    wasmHash: provenance?.wasmHash ?? s.wasmHash,
    seed: provenance?.seed ?? s.seed,
  });
  const excluded =
    s.excluded.proxies > 0
      ? ` (${s.excluded.proxies} ${s.excluded.families.join('/')} row${s.excluded.proxies === 1 ? '' : 's'} excluded)`
      : '';
  return [
    '# rmsim study tables',
    '',
    prov,
    '',
    `${s.proxies} proxies${excluded}; ${s.designs.length} eval design${s.designs.length === 1 ? '' : 's'}; outcomes ${s.outcomes.join(', ')}. ` +
      `Intervals: ${Math.round(s.bootstrap.level * 100)}% ${s.bootstrap.method} bootstrap over proxies, ${s.bootstrap.resamples} resamples.`,
  ].join('\n');
}

/** tables.md from its sections: the head, a list of contents, then each section. */
export function sectionsMarkdown(head: string, sections: readonly Section[]): string {
  const toc = sections.map((x, i) => `${i + 1}. ${x.title}`).join('\n');
  return `${[head, `## Contents\n\n${toc}`, ...sections.map((x) => `## ${x.title}\n\n${x.body}`)].join('\n\n')}\n`;
}

/** The whole tables.md of a summary without findings: provenance, then the reference sections (and any extra ones first). */
export function tablesMarkdown(
  s: Summary,
  provenance?: Partial<Provenance>,
  options: { extraSections?: { title: string; body: string }[]; spreadFilter?: (e: SpreadEntry) => boolean } = {},
): string {
  const extra = (options.extraSections ?? []).map((x, i) => ({ id: `extra-${i + 1}`, ...x }));
  return sectionsMarkdown(tablesHead(s, provenance), [...extra, ...appendixSections(s, { spreadFilter: options.spreadFilter })]);
}

/**
 * tables.md: markdown tables of the summary, each followed by a sentence or two written from its
 * numbers (which metric predicts best and worst, how far apart proxies in one bin are, how much
 * of the correlation eval-set noise costs, who sits off the theory line). Nothing here states a
 * conclusion the numbers do not carry; where a number is undefined the reason is printed.
 */
import type { Estimate } from '../analysis/correlation.js';
import type { CorrelationEntry, ResamplingEntry, SpreadEntry, Summary, TheoryGroup } from '../analysis/summary.js';
import { type Provenance, provenanceLine } from './render.js';

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

const capitalize = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

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
    parts.push(
      markdownTable(
        ['design', 'metric', 'n', 'Pearson', 'Spearman', 'Kendall τ_b'],
        es.map((e) => [e.design, e.metric, String(e.n), fmtEstimate(e.pearson), fmtEstimate(e.spearman), fmtEstimate(e.kendall)]),
        ['l', 'l', 'r', 'r', 'r', 'r'],
      ),
    );
    parts.push(correlationSentence(es, outcome, quantity, s.bootstrap.level));
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
  let text = `${capitalize(name(best))} has the strongest positive Spearman correlation with ${what}: ${fmtEstimate(best.spearman)}`;
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
  const overlapping = withCi.filter((e) => e !== best && e.spearman.hi >= best.spearman.lo).length;
  if (withCi.length > 1 && isNum(best.spearman.lo as Maybe)) {
    text +=
      overlapping === 0
        ? ` No other interval reaches the lower end of the strongest one (${fmt(best.spearman.lo)}).`
        : ` ${overlapping} other interval${overlapping === 1 ? '' : 's'} overlap${overlapping === 1 ? 's' : ''} the strongest one, so this ranking of metrics is not settled by these proxies.`;
  }
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

/** Eval-set resampling: single replicate vs mean of R, per design. */
export function resamplingTables(s: Summary, filter: (e: ResamplingEntry) => boolean = () => true): string {
  const entries = s.resampling.filter(filter);
  if (entries.length === 0) return 'No eval design was drawn more than once, so eval-set noise was not measured.';
  const parts: string[] = [];
  for (const design of s.designs) {
    const es = entries.filter((e) => e.design === design);
    if (es.length === 0) continue;
    parts.push(`### ${design} (R = ${es[0].replicates} eval sets)`);
    parts.push(
      markdownTable(
        [
          'metric',
          'outcome',
          'Pearson, 1 set',
          `Pearson, mean of ${es[0].replicates}`,
          'Pearson per set: mean ± sd [min, max]',
          'noise share',
          'Pearson, noise removed',
        ],
        es.map((e) => {
          const d = e.acrossReplicates.pearson;
          return [
            e.metric,
            `${e.quantity} ${e.outcome}`,
            fmt(e.single.pearson),
            fmt(e.mean.pearson),
            `${fmt(d.mean)} ± ${fmt(d.sd)} [${fmt(d.min)}, ${fmt(d.max)}]`,
            pct(e.noiseShare),
            fmt(e.pearsonDisattenuated),
          ];
        }),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    parts.push(resamplingSentence(es));
  }
  return parts.join('\n\n');
}

function resamplingSentence(es: ResamplingEntry[]): string {
  const byMetric = new Map<string, ResamplingEntry>();
  for (const e of es) if (!byMetric.has(e.metric)) byMetric.set(e.metric, e);
  const sentences: string[] = [];
  for (const e of byMetric.values()) {
    if (e.reason) {
      sentences.push(`${capitalize(e.metric)}: ${e.reason}.`);
      continue;
    }
    const d = e.acrossReplicates.pearson;
    let t =
      `Eval-set sampling noise is ${pct(e.noiseShare)} of ${e.metric}'s variance across proxies on ${e.design}; ` +
      `with ${e.quantity.toUpperCase()} of ${e.outcome}, one eval set gives Pearson ${fmt(e.single.pearson)} ` +
      `(${fmt(d.min)} to ${fmt(d.max)} over the ${e.replicates} sets) and the mean of ${e.replicates} sets gives ${fmt(e.mean.pearson)}`;
    t += isNum(e.pearsonDisattenuated)
      ? `; with the noise of one set removed it would be ${fmt(e.pearsonDisattenuated)}${e.pearsonDisattenuated > 1 ? ' (above 1: the noise share is estimated from few replicates)' : ''}.`
      : '.';
    sentences.push(t);
  }
  return sentences.join(' ');
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
  const sorted = [...gs].sort((a, b) => a.meanAbsResidual - b.meanAbsResidual);
  const side = (g: TheoryGroup): string =>
    `${fmt(Math.abs(g.meanResidual), 3)} ${g.meanResidual >= 0 ? 'above' : 'below'} the line on average (RMS ${fmt(g.rmsResidual, 3)}, ${g.n} proxies)`;
  const closest = sorted[0];
  let text = `On ${outcome}, ${closest.group} proxies lie closest to the theory line: ${side(closest)}`;
  if (sorted.length > 1) {
    const far = sorted[sorted.length - 1];
    text += `; ${far.group} proxies lie farthest: ${side(far)}`;
  }
  return `${text}.`;
}

/**
 * A table of one (metric, outcome) correlation across a list of designs — for sweeps over a
 * design parameter (responses per prompt, prompts, a fixed budget) — with a sentence on its trend.
 */
export function designTrendTable(
  s: Summary,
  o: {
    designs: string[];
    metric: string;
    outcome: string;
    label?: (design: string) => string;
    quantity?: string;
    /** The annotation budget of a design, in both accountings (adds three columns). */
    budget?: (
      design: string,
    ) => { prompts: number; responsesPerPrompt: number; labelledPairs: number; annotatedResponses: number } | undefined;
  },
): string {
  const quantity = o.quantity ?? 'ndr';
  const label = o.label ?? ((d: string) => d);
  const es = o.designs
    .map((d) => s.correlations.find((e) => e.design === d && e.metric === o.metric && e.outcome === o.outcome && e.quantity === quantity))
    .filter((e): e is CorrelationEntry => e !== undefined);
  if (es.length === 0) return `No correlations of ${o.metric} with ${o.outcome} on these designs.`;
  // Spearman on each of the R eval-set replicates: its mean is less noisy than replicate 0 alone
  const rep = (d: string) =>
    s.resampling.find((r) => r.design === d && r.metric === o.metric && r.outcome === o.outcome && r.quantity === quantity);
  const withReps = es.some((e) => rep(e.design) !== undefined);
  const repCell = (d: string): string => {
    const r = rep(d)?.acrossReplicates.spearman;
    return r && isNum(r.mean) ? `${fmt(r.mean)} ± ${fmt(r.sd)}` : '–';
  };
  const R = withReps ? rep(es.find((e) => rep(e.design))!.design)!.replicates : 0;
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
    ],
    es.map((e) => [
      label(e.design),
      ...(o.budget ? budgetCells(e.design) : []),
      String(e.n),
      fmtEstimate(e.pearson),
      fmtEstimate(e.spearman),
      fmtEstimate(e.kendall),
      ...(withReps ? [repCell(e.design)] : []),
    ]),
    ['l', ...(o.budget ? (['r', 'r', 'r'] as const) : []), 'r', 'r', 'r', 'r', 'r'],
  );
  const first = es[0];
  const last = es[es.length - 1];
  let text = `From ${label(first.design)} to ${label(last.design)}, the Spearman correlation of ${o.metric} with ${quantity.toUpperCase()} of ${o.outcome} `;
  const a = first.spearman.value as Maybe;
  const b = last.spearman.value as Maybe;
  if (!isNum(a) || !isNum(b)) text += 'is undefined at one end.';
  else {
    const dir = b > a ? 'rises' : b < a ? 'falls' : 'stays';
    text += `${dir} from ${fmt(a)} to ${fmt(b)}`;
    const vals = es.map((e) => e.spearman.value as Maybe).filter(isNum);
    const monotone = vals.every((v, i) => i === 0 || (b >= a ? v >= vals[i - 1] : v <= vals[i - 1]));
    text += monotone ? ', monotonically.' : `, not monotonically (between ${fmt(Math.min(...vals))} and ${fmt(Math.max(...vals))}).`;
    if (isNum(first.spearman.lo as Maybe) && isNum(last.spearman.lo as Maybe)) {
      const overlap = Math.max(first.spearman.lo, last.spearman.lo) <= Math.min(first.spearman.hi, last.spearman.hi);
      text += overlap ? ' The two intervals overlap.' : ' The two intervals do not overlap.';
    }
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
  return `${table}\n\n${text}`;
}

/** The whole tables.md: provenance, then correlations, spread, resampling and theory sections. */
export function tablesMarkdown(
  s: Summary,
  provenance?: Partial<Provenance>,
  options: {
    /** Sections placed before the standard ones (e.g. a preset's design sweeps). */
    extraSections?: { title: string; body: string }[];
    /** Which spread tables to print (default: the theory design's). */
    spreadFilter?: (e: SpreadEntry) => boolean;
    /** Which resampling rows to print (default: the theory metric's, e.g. accuracy, on every design). */
    resamplingFilter?: (e: ResamplingEntry) => boolean;
  } = {},
): string {
  const resamplingFilter = options.resamplingFilter ?? ((e: ResamplingEntry) => e.metric === s.theory.metric);
  const spreadFilter = options.spreadFilter ?? ((e: SpreadEntry) => s.theory.design === null || e.design === s.theory.design);
  const prov = provenanceLine({
    version: provenance?.version ?? s.version,
    wasmHash: provenance?.wasmHash ?? s.wasmHash,
    seed: provenance?.seed ?? s.seed,
  });
  const excluded =
    s.excluded.proxies > 0
      ? ` (${s.excluded.proxies} ${s.excluded.families.join('/')} row${s.excluded.proxies === 1 ? '' : 's'} excluded)`
      : '';
  const head = [
    '# rmsim study tables',
    '',
    prov,
    '',
    `${s.proxies} proxies${excluded}; ${s.designs.length} eval design${s.designs.length === 1 ? '' : 's'}; outcomes ${s.outcomes.join(', ')}. ` +
      `Intervals: ${Math.round(s.bootstrap.level * 100)}% ${s.bootstrap.method} bootstrap over proxies, ${s.bootstrap.resamples} resamples.`,
  ].join('\n');
  const sections = [
    ...(options.extraSections ?? []),
    { title: 'Correlation of each metric with NDR across proxies', body: correlationTables(s) },
    {
      title: 'Same-metric spread: NDR at similar scores',
      body: spreadTables(s, spreadFilter) || 'No spread tables (the binned metric is not in the rows).',
    },
    { title: 'Eval-set resampling: how much of the correlation is test-set noise', body: resamplingTables(s, resamplingFilter) },
    { title: 'Distance from the Gaussian theory line NDR = sin(π(A − ½))', body: theoryTables(s) },
  ];
  return `${[head, ...sections.map((x) => `## ${x.title}\n\n${x.body}`)].join('\n\n')}\n`;
}

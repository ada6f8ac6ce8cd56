/**
 * The report's first section: which (metric, eval design) best predicts each outcome, whether it
 * beats pairwise accuracy on the standard design by the paired bootstrap of summary.leaderboard,
 * and — where a metric correlates negatively with NDR, which surprises a researcher who reads it as
 * "more is better" — why, in this world, from this run's numbers.
 */
import { correlations } from '../analysis/correlation.js';
import type { LeaderboardOutcome, Summary } from '../analysis/summary.js';
import type { Row } from '../data/row.js';
import { strength } from './glossary.js';
import { outcomeWords } from './specs.js';
import { fmt, fmtDiff, fmtEstimate, markdownTable } from './tables.js';

const name = (e: { metric: string; design: string }): string => `${e.metric} on ${e.design}`;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** How many entries of the list `tiedWords` names before "…". */
const FIRST_FEW = 3;

/**
 * "k other entries not distinguishable from it: a on d, b on d, c on d, …" — the entries the top's
 * paired interval cannot separate from it (summary.leaderboard tiedWithTop), the first few named.
 */
export function tiedWords(o: Pick<LeaderboardOutcome, 'tiedWithTop'>, few = FIRST_FEW): string {
  const t = o.tiedWithTop;
  if (t.length === 0) return 'no other entry is not distinguishable from it';
  const names = t.slice(0, few).map(name).join(', ');
  return `${t.length} other ${t.length === 1 ? 'entry' : 'entries'} not distinguishable from it: ${names}${t.length > few ? ', …' : ''}`;
}

/** "best: X (k other entries not distinguishable from it: …)", for the CLI and the sentences. */
export function bestWords(o: LeaderboardOutcome): string {
  const best = o.entries[0];
  return best ? `best: ${name(best)} (${tiedWords(o)})` : 'best: –';
}

function counts(o: LeaderboardOutcome): Record<string, number> {
  const c: Record<string, number> = { better: 0, worse: 0, unresolved: 0, undefined: 0 };
  for (const e of o.entries) if (e.verdict !== 'reference') c[e.verdict]++;
  return c;
}

/** The sentence naming the best predictor of one outcome and what the paired bootstrap says of it. */
function outcomeSentence(o: LeaderboardOutcome, refName: string, level: number): string {
  const best = o.entries[0];
  const ref = o.entries.find((e) => e.verdict === 'reference');
  if (!best || !isNum(best.spearman.value)) return `No entry has a defined Spearman correlation with NDR of ${o.outcome}.`;
  const c = counts(o);
  const total = o.entries.length - (ref ? 1 : 0);
  let t = `**${outcomeWords(o.outcome)} (${o.outcome})**: `;
  if (best.verdict === 'reference') {
    t += `${refName} itself ranks first, ${fmtEstimate(best.spearman)} (${tiedWords(o)}).`;
  } else {
    t += `${name(best)} ranks first, Spearman ${fmtEstimate(best.spearman)} (${strength(best.spearman.value)}; ${tiedWords(o)})`;
    if (ref) {
      t += `, against ${fmtEstimate(ref.spearman)} for ${refName}; the paired difference is ${fmtDiff(best.difference)}`;
      t +=
        best.verdict === 'better'
          ? `, so it beats ${refName} on these proxies.`
          : best.verdict === 'unresolved'
            ? `, whose ${level}% interval contains 0: on these proxies it does not beat ${refName}.`
            : '.';
    } else t += '.';
  }
  if (ref) {
    t += ` Of the other ${total} entries, ${c.better} beat ${refName}, ${c.unresolved} are not distinguishable from it and ${c.worse} are worse`;
    t += c.undefined ? ` (${c.undefined} without an interval).` : '.';
  }
  return t;
}

/** The compact table: per outcome, the best entry, the reference, their paired difference, and the counts. */
function summaryTable(s: Summary): string {
  const lb = s.leaderboard;
  const refName = lb.reference ? name(lb.reference) : 'the reference';
  const level = Math.round(lb.level * 100);
  return markdownTable(
    [
      'outcome',
      'best',
      'Spearman',
      'not distinguishable from the best (paired)',
      refName,
      `best − ${refName} (paired ${level}% CI)`,
      'beat it / cannot tell / worse',
    ],
    lb.outcomes.map((o) => {
      const best = o.entries[0];
      const ref = o.entries.find((e) => e.verdict === 'reference');
      const c = counts(o);
      return [
        `${o.outcome} (${outcomeWords(o.outcome)})`,
        best ? name(best) : '–',
        best ? fmtEstimate(best.spearman) : '–',
        o.tiedWithTop.length === 0
          ? 'none'
          : `${o.tiedWithTop.length}: ${o.tiedWithTop.slice(0, FIRST_FEW).map(name).join(', ')}${o.tiedWithTop.length > FIRST_FEW ? ', …' : ''}`,
        ref ? fmtEstimate(ref.spearman) : '–',
        best && best.verdict !== 'reference' ? fmtDiff(best.difference) : '–',
        `${c.better} / ${c.unresolved} / ${c.worse}`,
      ];
    }),
    ['l', 'l', 'r', 'l', 'r', 'r', 'r'],
  );
}

/** The whole ranking of one outcome, for the collapsed details. */
function fullTable(o: LeaderboardOutcome): string {
  return markdownTable(
    ['rank', 'metric', 'design', 'n', 'Spearman', 'minus reference (paired)', 'verdict', 'best minus it (paired)'],
    o.entries.map((e) => [
      e.rank === null ? '–' : String(e.rank),
      e.metric,
      e.design,
      String(e.n),
      fmtEstimate(e.spearman),
      e.verdict === 'reference' ? '(reference)' : fmtDiff(e.difference),
      e.verdict === 'better'
        ? 'beats it'
        : e.verdict === 'worse'
          ? 'worse'
          : e.verdict === 'unresolved'
            ? 'not distinguishable'
            : e.verdict,
      e === o.entries[0] ? '(best)' : fmtDiff(e.belowTop),
    ]),
    ['r', 'l', 'l', 'r', 'r', 'r', 'l', 'r'],
  );
}

/**
 * Why a metric on the reference design correlates negatively with NDR, from the rows: how it
 * relates to the reference metric across the proxies of each family, and — for reward variance —
 * what the proxies' scale does to it.
 */
function surprises(s: Summary, rows: readonly Row[], outcome: string): string[] {
  const lb = s.leaderboard;
  if (!lb.reference) return [];
  const ref = lb.reference;
  const o = lb.outcomes.find((x) => x.outcome === outcome);
  if (!o) return [];
  const used = rows.filter((r) => !s.excluded.families.includes(r.family));
  const families = [...new Set(used.map((r) => r.family))];
  const out: string[] = [];
  for (const e of o.entries) {
    if (e.design !== ref.design || e.verdict === 'reference' || !isNum(e.spearman.value) || e.spearman.value > -STRONGISH) continue;
    const perFamily = families
      .map((f) => {
        const rs = used.filter((r) => r.family === f);
        const x = rs.map((r) => r.metrics[e.design]?.[e.metric] ?? NaN);
        const a = rs.map((r) => r.metrics[ref.design]?.[ref.metric] ?? NaN);
        const y = rs.map((r) => r.outcomes[outcome]?.ndr ?? NaN);
        return { f, n: rs.length, withRef: correlations(x, a).spearman, withNdr: correlations(x, y).spearman };
      })
      .filter((p) => p.n >= 5);
    let t = `- **${name(e)}** correlates ${fmtEstimate(e.spearman)} with NDR of ${o.outcome}: lower values go with better policies.`;
    const fam = perFamily.map((p) => `${fmt(p.withRef)} over the ${p.n} ${p.f} proxies`).join(', ');
    if (fam) t += ` Its Spearman with ${name(ref)} is ${fam}`;
    if (e.metric === 'reward-variance') {
      const noise = perFamily.find((p) => p.f === 'noise');
      t +=
        '. Reward variance is read as "more signal for the optimizer" (Razin et al. 2025), but a proxy here is gold plus an error' +
        (noise && isNum(noise.withRef) && noise.withRef < 0
          ? `, so most of the variance of its scores is the error's: the noisier the proxy, the larger its variance and the lower its accuracy (${fmt(noise.withRef)})`
          : '');
      const tr = perFamily.find((p) => p.f === 'transform');
      if (tr) {
        const fixed = s.outcomes.find((k) => k.startsWith('tilt@beta='));
        const yb = fixed ? used.filter((r) => r.family === 'transform') : [];
        const cb = fixed
          ? correlations(
              yb.map((r) => r.metrics[e.design]?.[e.metric] ?? NaN),
              yb.map((r) => r.outcomes[fixed]?.ndr ?? NaN),
            ).spearman
          : NaN;
        t += `; among the ${tr.n} rescaled (transform) proxies, whose variance is set by the rescaling, it correlates ${fmt(tr.withNdr)} with NDR of ${o.outcome}`;
        if (fixed && isNum(cb))
          t += ` and ${fmt(cb)} with NDR of ${fixed}${cb >= STRONGISH ? ': at a fixed β a larger reward scale moves the policy further, and there more variance does help' : ''}`;
      }
    } else if (perFamily.length && perFamily.every((p) => isNum(p.withRef) && p.withRef <= -STRONGISH)) {
      t += ': it carries much the same ranking of proxies as accuracy, with the opposite sign';
    }
    out.push(`${t}.`);
  }
  return out;
}

/** |ρ| from which a negative correlation is explained ('moderate' and beyond). */
const STRONGISH = 0.4;

/** The leaderboard section's markdown: the answer, its figure, a compact table, the full ranking collapsed. */
export function leaderboardMarkdown(s: Summary, rows: readonly Row[], figures: { leaderboard?: string; heatmap?: string } = {}): string {
  const lb = s.leaderboard;
  if (!lb || lb.reason || lb.outcomes.length === 0) return `No leaderboard: ${lb?.reason ?? 'no outcomes were analysed'}.`;
  const refName = lb.reference ? name(lb.reference) : 'the reference';
  const level = Math.round(lb.level * 100);
  const entries = lb.outcomes[0].entries.length;
  const parts = [
    `Every (metric, eval design) — ${entries} of them — ranked by its Spearman correlation with NDR across ${s.proxies} proxies, for each outcome. ` +
      `The reference is ${refName}, the usual test set. An entry beats it when the ${level}% interval of the difference of the two correlations, ` +
      `computed on the same ${lb.resamples} proxy resamples (a paired bootstrap), lies above 0.`,
    '',
    summaryTable(s),
    '',
  ];
  if (figures.leaderboard) parts.push(`![Which measurement predicts each outcome](${figures.leaderboard}.svg)`, '');
  parts.push(...lb.outcomes.map((o) => `- ${outcomeSentence(o, refName, level)}`), '');
  const headline = lb.outcomes[0].outcome;
  const why = surprises(s, rows, headline);
  if (why.length) parts.push(`Metrics that go the other way (on ${lb.reference!.design}, NDR of ${headline}):`, '', ...why, '');
  if (figures.heatmap) parts.push(`![Spearman of every metric on every design](${figures.heatmap}.svg)`, '');
  for (const o of lb.outcomes) {
    parts.push(
      '<details>',
      `<summary>The full ranking for ${o.outcome} (${o.entries.length} entries)</summary>`,
      '',
      fullTable(o),
      '',
      '</details>',
      '',
    );
  }
  return parts.join('\n').trimEnd();
}

import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { designTrendTable, fmt, fmtEstimate, markdownTable, spreadTables, tablesMarkdown } from '../../src/report/tables.js';
import { syntheticRows } from '../analysis/synthetic.js';

const rows = syntheticRows(30);
const s = summarize(rows, { seed: 5, resamples: 200, meta: { wasmHash: 'cafe' } });

describe('tables.md', () => {
  const md = tablesMarkdown(s);
  it('names the version, wasm hash and seed, and has every section', () => {
    expect(md).toContain('rmsim 0.1.0 · wasm sha256 cafe · seed 5');
    for (const h of [
      '## Correlation of each metric',
      '## Same-metric spread',
      '## Eval-set resampling',
      '## Distance from the Gaussian theory line',
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toContain('30 proxies (1 gold row excluded)');
  });
  it('prints every correlation with its interval as computed', () => {
    for (const e of s.correlations) {
      expect(md).toContain(
        `| ${e.design} | ${e.metric} | ${e.n} | ${fmtEstimate(e.pearson)} | ${fmtEstimate(e.spearman)} | ${fmtEstimate(e.kendall)} |`,
      );
    }
  });
  it('writes the sentence under a correlation table from its numbers', () => {
    const es = s.correlations.filter((e) => e.outcome === 'bon@16');
    const sorted = [...es].sort((a, b) => b.spearman.value - a.spearman.value); // stable: ties keep table order
    const best = sorted[0];
    const weakest = [...es].sort((a, b) => Math.abs(a.spearman.value) - Math.abs(b.spearman.value))[0];
    expect(md).toContain(
      `The strongest positive Spearman correlation with NDR of bon@16 is that of ${best.metric} on ${best.design}: ${fmtEstimate(best.spearman)}; the weakest in absolute value is ${weakest.metric} on ${weakest.design}: ${fmtEstimate(weakest.spearman)}`,
    );
    const excl = es.filter((e) => e.spearman.lo > 0 || e.spearman.hi < 0).length;
    expect(md).toContain(`${excl} of ${es.length} Spearman 95% intervals exclude zero.`);
  });
  it('names a strongly negative metric as a (negative) predictor, not as the weakest', () => {
    const t = tablesMarkdown({
      ...s,
      correlations: s.correlations.map((e) =>
        e.metric === 'accuracy' && e.outcome === 'bon@16' ? { ...e, spearman: { ...e.spearman, value: -0.9, lo: -0.95, hi: -0.8 } } : e,
      ),
    });
    expect(t).toMatch(/accuracy on \w+ correlates negatively \(-0\.90 \[-0\.95, -0\.80\]\): lower values of it go with higher NDR/);
  });
  it('states the largest NDR range within one accuracy bin and where it is', () => {
    const e = s.spread.find((x) => x.design === 'pool' && x.outcome === 'bon@4')!;
    const b = e.bins[e.maxRangeBin];
    expect(md).toContain(
      `For bon@4, proxies within one 0.02 accuracy bin differ by up to ${fmt(e.maxRange)} in NDR (bin [${fmt(b.lo, 3)}, ${fmt(b.hi, 3)}), ${b.count} proxies: ${b.lowId} at ${fmt(b.min)} vs ${b.highId} at ${fmt(b.max)})`,
    );
    // by default only the theory design's spread is printed
    expect(md).not.toContain('bins of width 0.02 on small');
    expect(spreadTables(s)).toContain('bins of width 0.02 on small');
  });
  it('puts eval-set resampling in one design × metric table, with the noise share in each cell', () => {
    const cell = (d: string, m: string) => {
      const e = s.resampling.find((x) => x.design === d && x.metric === m && x.outcome === s.outcomes[0])!;
      const sp = e.acrossReplicates.spearman;
      return `${fmt(sp.mean)} ± ${fmt(sp.sd)} (${Math.round(e.noiseShare * 100)}%)`;
    };
    expect(md).toContain(
      `| design | accuracy | tau |\n| --- | ---: | ---: |\n| pool | ${cell('pool', 'accuracy')} | ${cell('pool', 'tau')} |`,
    );
    expect(md).toContain(`| small | ${cell('small', 'accuracy')} | ${cell('small', 'tau')} |`);
    const small = s.resampling.find((x) => x.design === 'small' && x.metric === 'accuracy' && x.outcome === s.outcomes[0])!;
    expect(md).toContain(
      `For accuracy, eval-set noise is largest on small (${Math.round(small.noiseShare * 100)}% of its variance across proxies`,
    );
  });
  it('ranks the error shapes against the theory line by one measure, the mean residual', () => {
    const gs = s.theory.groups.filter((g) => g.outcome === 'bon@16');
    const far = gs.find((g) => g.group === 'noise/student-t(3)')!;
    expect(md).toContain(`noise/student-t(3) proxies sit lowest: ${fmt(Math.abs(far.meanResidual), 3)} below the line on average`);
    expect(md).toMatch(/On bon@16, ranked by mean residual, noise\/normal proxies sit highest: 0\.0\d\d (above|below)/);
  });
  it('is identical for the same summary', () => {
    expect(tablesMarkdown(summarize(rows, { seed: 5, resamples: 200, meta: { wasmHash: 'cafe' } }))).toBe(md);
  });
});

describe('designTrendTable', () => {
  it('says whether the correlation rises or falls across ordered designs, from the numbers', () => {
    const text = designTrendTable(s, {
      designs: ['pool', 'small'],
      metric: 'accuracy',
      outcome: 'bon@16',
      label: (d) => `design ${d}`,
      ordered: true,
    });
    const a = s.correlations.find((e) => e.design === 'pool' && e.metric === 'accuracy' && e.outcome === 'bon@16')!;
    const b = s.correlations.find((e) => e.design === 'small' && e.metric === 'accuracy' && e.outcome === 'bon@16')!;
    const dir = b.spearman.value > a.spearman.value ? 'rises' : 'falls';
    expect(text).toContain(
      `From design pool to design small, the Spearman correlation of accuracy with NDR of bon@16 ${dir} from ${fmt(a.spearman.value)} to ${fmt(b.spearman.value)}`,
    );
    const reversed = designTrendTable(s, { designs: ['small', 'pool'], metric: 'accuracy', outcome: 'bon@16', ordered: true });
    expect(reversed).toContain(`${dir === 'rises' ? 'falls' : 'rises'} from ${fmt(b.spearman.value)}`);
  });

  it('names only the highest and lowest design when the designs are not ordered, whatever their order', () => {
    const a = s.correlations.find((e) => e.design === 'pool' && e.metric === 'accuracy' && e.outcome === 'bon@16')!;
    const b = s.correlations.find((e) => e.design === 'small' && e.metric === 'accuracy' && e.outcome === 'bon@16')!;
    const [hi, lo] = a.spearman.value > b.spearman.value ? [a, b] : [b, a];
    const want = `Across these designs, the Spearman correlation of accuracy with NDR of bon@16 is highest on ${hi.design} (${fmt(hi.spearman.value)}) and lowest on ${lo.design} (${fmt(lo.spearman.value)}).`;
    for (const designs of [
      ['pool', 'small'],
      ['small', 'pool'],
    ]) {
      const text = designTrendTable(s, { designs, metric: 'accuracy', outcome: 'bon@16' });
      expect(text).toContain(want);
      expect(text).not.toMatch(/rises|falls|From /);
    }
  });
});

describe('formatting', () => {
  it('formats numbers, missing values and intervals', () => {
    expect(fmt(-0.0001)).toBe('0.00');
    expect(fmt(null)).toBe('–');
    expect(fmt(0.4149)).toBe('0.41');
    expect(fmtEstimate({ value: 0.41, lo: 0.22, hi: 0.57, undefinedResamples: 0 })).toBe('0.41 [0.22, 0.57]');
    expect(fmtEstimate({ value: null as unknown as number, lo: NaN, hi: NaN, undefinedResamples: 0, reason: 'x is constant (1)' })).toBe(
      'n/a (x is constant (1))',
    );
    expect(markdownTable(['a', 'b'], [['1|2', '3']], ['l', 'r'])).toBe('| a | b |\n| --- | ---: |\n| 1\\|2 | 3 |');
  });
});

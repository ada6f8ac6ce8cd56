import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { markdownToHtml, reportHtml } from '../../src/report/html.js';
import { buildReport } from '../../src/report/index.js';
import { syntheticRows } from '../analysis/synthetic.js';

describe('markdownToHtml', () => {
  it('turns headings, pipe tables with alignment, and paragraphs into escaped HTML', () => {
    const html = markdownToHtml('## A <b>\n\n| x | y |\n| --- | ---: |\n| 1\\|2 | `3` |\n\nSome **text**\nwraps.');
    expect(html).toBe(
      '<h2>A &lt;b&gt;</h2>\n<div class="table"><table>\n<thead><tr><th>x</th><th class="num">y</th></tr></thead>\n' +
        '<tbody>\n<tr><td>1|2</td><td class="num"><code>3</code></td></tr>\n</tbody>\n</table></div>\n' +
        '<p>Some <strong>text</strong> wraps.</p>',
    );
  });
  it('keeps <details>/<summary> lines and replaces figure lines by the figure, or by their title', () => {
    const md = '<details>\n<summary>All <b></summary>\n\n| a |\n| --- |\n| 1 |\n\n</details>\n\n![T](f1.svg)\n\n![U](f2.svg)';
    const html = markdownToHtml(md, (id) => (id === 'f1' ? '<figure>F1</figure>' : undefined));
    expect(html).toBe(
      '<details>\n<summary>All &lt;b&gt;</summary>\n<div class="table"><table>\n<thead><tr><th>a</th></tr></thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table></div>\n</details>\n<figure>F1</figure>\n<p>U</p>',
    );
  });
});

describe('buildReport', () => {
  it('writes SVG figures, their specs, tables.md and a self-contained report.html naming version, hash and seed', async () => {
    const rows = syntheticRows(20);
    const s = summarize(rows, { seed: 12, resamples: 100, meta: { wasmHash: 'f00d' }, theory: { design: 'pool' } });
    const { files, figures } = await buildReport(rows, s);
    const ids = [
      'leaderboard',
      'correlation-heatmap',
      'accuracy-vs-ndr-bon-16',
      'accuracy-vs-ndr-tilt-kl-1',
      'overoptimization-bon',
      'overoptimization-tilt',
      'theory-residuals',
    ];
    expect(figures.map((f) => f.id)).toEqual(ids);
    expect(Object.keys(files).sort()).toEqual([...ids.flatMap((i) => [`${i}.svg`, `${i}.vl.json`]), 'report.html', 'tables.md'].sort());
    const prov = 'rmsim 0.1.0 · wasm sha256 f00d · seed 12';
    for (const [name, text] of Object.entries(files)) {
      if (name.endsWith('.vl.json')) expect(JSON.parse(text).usermeta.rmsim).toEqual({ version: '0.1.0', wasmHash: 'f00d', seed: 12 });
      else expect(text, name).toContain(prov);
    }
    const html = files['report.html'];
    // without libraries: every figure inline as SVG, no scripts, nothing fetched
    expect((html.match(/<svg /g) ?? []).length).toBe(ids.length);
    expect(html).not.toMatch(/<script|<link |<img |src=|@import|url\((?!#)/i); // url(#id) is an in-page gradient
    const external = [...html.matchAll(/https?:\/\/[^\s"'<]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
    expect(external).toEqual([]);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('<nav class="toc">');
    expect(html).toContain('<h2>Correlation of each metric with NDR across proxies</h2>');
    // the answer comes first, in the page and in tables.md
    expect(html.indexOf('id="answer"')).toBeLessThan(html.indexOf('id="correlations"'));
    expect(files['tables.md']).toMatch(/## Contents\n\n1\. The answer/);
    expect(files['tables.md']).toContain('![Which measurement predicts each outcome](leaderboard.svg)');
  });
  it('with libraries, shows live views from compiled Vega specs that no text in them can break out of', async () => {
    const rows = syntheticRows(12);
    const s = summarize(rows, { seed: 2, resamples: 50 });
    const libraries = { names: ['fake 1'], scripts: ['window.vegaEmbed = () => Promise.resolve(); // </script><!--'] };
    const { files } = await buildReport(rows, s, undefined, { libraries });
    const html = files['report.html'];
    expect(html).not.toMatch(/<svg /);
    expect((html.match(/<div class="vega" data-spec=/g) ?? []).length).toBe((html.match(/<script type="application\/json"/g) ?? []).length);
    expect(html).toContain('// <\\/script><\\!--');
    for (const m of html.matchAll(/<script type="application\/json" id="spec-([^"]+)">([\s\S]*?)<\/script>/g)) {
      const spec = JSON.parse(m[2]);
      expect(spec.$schema, m[1]).toMatch(/vega\/v\d/); // compiled to Vega, not Vega-Lite
      expect(m[2]).not.toContain('<');
    }
  });
  it('leaves out figures without data (no best-of-n outcomes)', async () => {
    const rows = syntheticRows(12).map((r) => ({ ...r, outcomes: { 'tilt@kl=1': r.outcomes['tilt@kl=1'] } }));
    const s = summarize(rows, { seed: 1, resamples: 0 });
    const { figures } = await buildReport(rows, s);
    expect(figures.map((f) => f.id)).toEqual([
      'leaderboard',
      'correlation-heatmap',
      'accuracy-vs-ndr-tilt-kl-1',
      'overoptimization-tilt',
      'theory-residuals',
    ]);
    expect(reportHtml({ provenance: { version: '1', wasmHash: null, seed: 1 }, figures: [], sections: [] })).toContain(
      '<title>rmsim study report</title>',
    );
  });
});

describe('markdownToHtml lists', () => {
  it("renders '- ' bullets as a list, joining continuation lines into their item", () => {
    expect(markdownToHtml('intro\n\n- **a** one\n  more\n- b two\n\npara')).toBe(
      '<p>intro</p>\n<ul>\n<li><strong>a</strong> one more</li>\n<li>b two</li>\n</ul>\n<p>para</p>',
    );
  });
});

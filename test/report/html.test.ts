import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { markdownToHtml, reportHtml } from '../../src/report/html.js';
import { buildReport } from '../../src/report/index.js';
import { syntheticRows } from '../analysis/synthetic.js';

describe('markdownToHtml', () => {
  it('turns headings, pipe tables with alignment, and paragraphs into escaped HTML', () => {
    const html = markdownToHtml('## A <b>\n\n| x | y |\n| --- | ---: |\n| 1\\|2 | `3` |\n\nSome **text**\nwraps.');
    expect(html).toBe(
      '<h2>A &lt;b&gt;</h2>\n<table>\n<thead><tr><th style="text-align:left">x</th><th style="text-align:right">y</th></tr></thead>\n' +
        '<tbody>\n<tr><td style="text-align:left">1|2</td><td style="text-align:right"><code>3</code></td></tr>\n</tbody>\n</table>\n' +
        '<p>Some <strong>text</strong> wraps.</p>',
    );
  });
});

describe('buildReport', () => {
  it('writes SVG figures, their specs, tables.md and a self-contained report.html naming version, hash and seed', async () => {
    const rows = syntheticRows(20);
    const s = summarize(rows, { seed: 12, resamples: 100, meta: { wasmHash: 'f00d' } });
    const { files, figures } = await buildReport(rows, s);
    expect(Object.keys(files).sort()).toEqual([
      'accuracy-vs-ndr-bon-16.svg',
      'accuracy-vs-ndr-bon-16.vl.json',
      'accuracy-vs-ndr-tilt-kl-1.svg',
      'accuracy-vs-ndr-tilt-kl-1.vl.json',
      'bon-gain-vs-n.svg',
      'bon-gain-vs-n.vl.json',
      'bon-gain-vs-sqrt-kl.svg',
      'bon-gain-vs-sqrt-kl.vl.json',
      'correlation-heatmap.svg',
      'correlation-heatmap.vl.json',
      'report.html',
      'tables.md',
    ]);
    expect(figures.length).toBe(5);
    const prov = 'rmsim 0.1.0 · wasm sha256 f00d · seed 12';
    for (const [name, text] of Object.entries(files)) {
      if (name.endsWith('.vl.json')) expect(JSON.parse(text).usermeta.rmsim).toEqual({ version: '0.1.0', wasmHash: 'f00d', seed: 12 });
      else expect(text, name).toContain(prov);
    }
    const html = files['report.html'];
    // every figure inline, no scripts, nothing fetched
    expect((html.match(/<svg /g) ?? []).length).toBe(5);
    expect(html).not.toMatch(/<script|<link |<img |src=|@import|url\((?!#)/i); // url(#id) is an in-page gradient
    const external = [...html.matchAll(/https?:\/\/[^\s"'<]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
    expect(external).toEqual([]);
    expect(html).toContain('<table>');
    expect(html).toContain('<h2>Correlation of each metric with NDR across proxies</h2>');
  });
  it('leaves out figures without data (no best-of-n outcomes)', async () => {
    const rows = syntheticRows(12).map((r) => ({ ...r, outcomes: { 'tilt@kl=1': r.outcomes['tilt@kl=1'] } }));
    const s = summarize(rows, { seed: 1, resamples: 0 });
    const { figures } = await buildReport(rows, s);
    expect(figures.map((f) => f.id)).toEqual(['accuracy-vs-ndr-tilt-kl-1', 'correlation-heatmap']);
    expect(reportHtml({ provenance: { version: '1', wasmHash: null, seed: 1 }, figures: [], tablesMarkdown: '# t\n' })).toContain(
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

/**
 * report.html: one self-contained page that needs no network: inline CSS, the figures as live Vega
 * views (vega and vega-embed inlined, specs compiled in Node) or as inline SVG, and the sections of
 * tables.md with their figures in place.
 */
import { type Provenance, provenanceLine } from './render.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markdown of our own tables: `code`, **bold**, escaped text. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

function splitRow(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (body[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += body[i];
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * The markdown subset tables.ts writes — ATX headings, pipe tables with an alignment row, '- '
 * bullet lists, paragraphs, `<details>`/`<summary>` lines, and figure lines `![title](id.svg)`
 * (replaced by `figure(id)` when it returns HTML) — as HTML. Anything else is kept as an escaped
 * paragraph. Right-aligned (numeric) cells do not wrap.
 */
export function markdownToHtml(md: string, figure?: (id: string) => string | undefined): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let items: string[] = [];
  const flush = (): void => {
    if (para.length) {
      if (items.length) items[items.length - 1] += ` ${para.join(' ')}`;
      else out.push(`<p>${inline(para.join(' '))}</p>`);
    }
    para = [];
  };
  const flushList = (): void => {
    flush();
    if (items.length) out.push(`<ul>\n${items.map((t) => `<li>${inline(t)}</li>`).join('\n')}\n</ul>`);
    items = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const img = /^!\[([^\]]*)\]\(([A-Za-z0-9._-]+)\.svg\)\s*$/.exec(line.trim());
    const summary = /^<summary>(.*)<\/summary>$/.exec(line.trim());
    if (img) {
      flushList();
      out.push(figure?.(img[2]) ?? `<p>${inline(img[1])}</p>`);
    } else if (/^<details( open)?>$/.test(line.trim()) || line.trim() === '</details>') {
      flushList();
      out.push(line.trim());
    } else if (summary) {
      flushList();
      out.push(`<summary>${inline(summary[1])}</summary>`);
    } else if (bullet) {
      flush();
      items.push(bullet[1].trim());
    } else if (h) {
      flushList();
      const level = h[1].length;
      out.push(`<h${level}>${inline(h[2])}</h${level}>`);
    } else if (line.trim().startsWith('|') && i + 1 < lines.length && /^\|\s*:?-{3,}/.test(lines[i + 1].trim())) {
      flushList();
      const header = splitRow(line);
      const align = splitRow(lines[i + 1]).map((c) => (c.endsWith(':') ? 'right' : 'left'));
      const body: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) body.push(splitRow(lines[i++]));
      i--;
      const cell = (tag: string, c: string, j: number) =>
        align[j] === 'right' ? `<${tag} class="num">${inline(c)}</${tag}>` : `<${tag}>${inline(c)}</${tag}>`;
      const th = header.map((c, j) => cell('th', c, j)).join('');
      const trs = body.map((r) => `<tr>${r.map((c, j) => cell('td', c, j)).join('')}</tr>`);
      out.push(`<div class="table"><table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs.join('\n')}\n</tbody>\n</table></div>`);
    } else if (line.trim() === '') flushList();
    else para.push(line.trim()); // a continuation line of a bullet, or a paragraph
  }
  flushList();
  return out.join('\n');
}

export interface Figure {
  id: string; // file stem, e.g. 'accuracy-vs-ndr'
  title: string;
  svg: string;
  caption?: string;
  /** The compiled Vega spec: shown as a live view when the page has its libraries. */
  vega?: Record<string, unknown>;
}

/** A section of the page: its markdown places its figures with lines `![title](id.svg)`. */
export interface PageSection {
  id: string;
  title: string;
  markdown: string;
}

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; max-width: 1120px; margin: 1.5em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.55em; margin-bottom: 0.2em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05em; margin-top: 1.4em; }
div.table { overflow-x: auto; } table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.88em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; } th { background: #f4f4f4; } .num { text-align: right; white-space: nowrap; }
figure { margin: 1.2em 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.9em; color: #555; max-width: 60em; }
details { margin: 0.8em 0; } summary { cursor: pointer; color: #245; font-weight: bold; }
nav.toc { font-size: 0.92em; background: #f7f7f7; border: 1px solid #e4e4e4; padding: 0.4em 1em; margin: 1em 0; }
nav.toc ol { margin: 0.3em 0; padding-left: 1.4em; columns: 2; } nav.toc li { margin: 0.1em 0; }
.provenance { font-size: 0.85em; color: #666; } code { font-size: 0.95em; }
#vg-tooltip-element { font-size: 12px; }
`;

/** The script that turns each figure's compiled spec into a live view (vega-embed, tooltips, export menu). */
const EMBED = `
for (const el of document.querySelectorAll('div.vega[data-spec]')) {
  const spec = JSON.parse(document.getElementById('spec-' + el.dataset.spec).textContent);
  vegaEmbed(el, spec, { mode: 'vega', renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
    .then(() => { el.dataset.rendered = 'true'; })
    .catch((e) => { el.textContent = 'This figure could not be drawn here (' + e.message + '); its SVG file is beside this page.'; });
}
`;

/** Text safe inside a <script> element: no '</script', no '<!--'. */
function scriptText(s: string): string {
  return s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON safe inside <script type="application/json">: '<' escaped, so no tag can close it. */
function jsonInScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

/**
 * The report page: title, provenance, a table of contents, then the sections with their figures
 * in place. With `libraries` (src/report/libraries.ts, vega + vega-embed inlined) each figure is a
 * live view with tooltips drawn from its compiled spec, with no network; without, the static SVG.
 */
export function reportHtml(o: {
  title?: string;
  provenance: Provenance;
  sections: PageSection[];
  figures: Figure[];
  libraries?: { names: string[]; scripts: string[] };
}): string {
  const title = o.title ?? 'rmsim study report';
  const prov = provenanceLine(o.provenance);
  const byId = new Map(o.figures.map((f) => [f.id, f]));
  const live = o.libraries !== undefined;
  const specs: string[] = [];
  const figure = (id: string): string | undefined => {
    const f = byId.get(id);
    if (!f) return undefined;
    const caption = `<figcaption><strong>${escapeHtml(f.title)}</strong>${f.caption ? ` — ${escapeHtml(f.caption)}` : ''} <a href="${escapeHtml(f.id)}.svg">SVG</a></figcaption>`;
    if (live && f.vega) {
      specs.push(`<script type="application/json" id="spec-${escapeHtml(f.id)}">${jsonInScript(f.vega)}</script>`);
      return `<figure id="fig-${escapeHtml(f.id)}">\n<div class="vega" data-spec="${escapeHtml(f.id)}"></div>\n${caption}\n</figure>`;
    }
    return `<figure id="fig-${escapeHtml(f.id)}">\n${f.svg}\n${caption}\n</figure>`;
  };
  const toc = o.sections.map((x) => `<li><a href="#${escapeHtml(x.id)}">${inline(x.title)}</a></li>`).join('\n');
  const body = o.sections
    .map((x) => `<section id="${escapeHtml(x.id)}">\n<h2>${inline(x.title)}</h2>\n${markdownToHtml(x.markdown, figure)}\n</section>`)
    .join('\n');
  const libs = live
    ? `<p class="provenance">Figures drawn by ${escapeHtml(o.libraries!.names.join(' and '))}, inlined in this page.</p>`
    : '';
  const scripts = live
    ? `${specs.join('\n')}\n${o.libraries!.scripts.map((t) => `<script>${scriptText(t)}</script>`).join('\n')}\n<script>${EMBED}</script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(prov)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="provenance">${escapeHtml(prov)}</p>
<nav class="toc"><strong>Contents</strong>
<ol>
${toc}
</ol>
</nav>
${body}
<p class="provenance">${escapeHtml(prov)}</p>
${libs}
${scripts}
</body>
</html>
`;
}

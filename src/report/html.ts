/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the
 * figures and the tables of tables.md.
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
 * bullet lists and paragraphs — as HTML. Anything else is kept as an escaped paragraph.
 */
export function markdownToHtml(md: string): string {
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
    if (bullet) {
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
      const th = header.map((c, j) => `<th style="text-align:${align[j]}">${inline(c)}</th>`).join('');
      const trs = body.map((r) => `<tr>${r.map((c, j) => `<td style="text-align:${align[j] ?? 'left'}">${inline(c)}</td>`).join('')}</tr>`);
      out.push(`<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs.join('\n')}\n</tbody>\n</table>`);
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
}

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.88em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; } th { background: #f4f4f4; }
figure { margin: 1.5em 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.9em; color: #555; }
.provenance { font-size: 0.85em; color: #666; } code { font-size: 0.95em; }
`;

/** The report page. */
export function reportHtml(o: {
  title?: string;
  provenance: Provenance;
  figures: Figure[];
  tablesMarkdown: string;
  /** Sections shown before the figures (a study's findings). */
  leadMarkdown?: string;
}): string {
  const title = o.title ?? 'rmsim study report';
  const prov = provenanceLine(o.provenance);
  const figures = o.figures
    .map(
      (f) =>
        `<figure id="${escapeHtml(f.id)}">\n${f.svg}\n<figcaption><strong>${escapeHtml(f.title)}</strong>${f.caption ? ` — ${escapeHtml(f.caption)}` : ''}</figcaption>\n</figure>`,
    )
    .join('\n');
  // the tables' own '# ' heading would repeat the page title
  const tables = markdownToHtml(o.tablesMarkdown.replace(/^# .*\n/, ''));
  const lead = o.leadMarkdown ? markdownToHtml(o.leadMarkdown) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="${escapeHtml(prov)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="provenance">${escapeHtml(prov)}</p>
${lead}
<h2>Figures</h2>
${figures}
${tables}
<p class="provenance">${escapeHtml(prov)}</p>
</body>
</html>
`;
}

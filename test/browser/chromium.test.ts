/**
 * rmsim in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core).
 *
 * - The web demo, built as an app builds it (vite, importing 'rmsim' by name) and served by
 *   `rmsim serve`'s server: the study it runs in Web Workers gives the numbers the Node library
 *   gives for the same controls, read off the page (every shown number carries its exact value).
 * - report.html of `rmsim study --preset quick`, opened from a file:// URL with the network
 *   off: every figure draws (an svg or a canvas) without an error or a request.
 *
 * Screenshots go to test-artifacts/. Without chromium the file is skipped with a warning, unless
 * RMSIM_REQUIRE_BROWSER=1 (CI), where that is a failure. RMSIM_CHROMIUM names another binary.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, createLogger } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROLS, type Controls, demoConfig } from '../../examples/web/study.js';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { DEMO_DIR, type RunningServer, serveFolder } from '../../src/cli/serve.js';
import { wasmHash } from '../../src/core/wasm.js';
import type { Row } from '../../src/data/row.js';
import { runStudy } from '../../src/study/run.js';
import { tempDir } from '../helpers/folders.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.RMSIM_CHROMIUM || '/usr/bin/chromium';
const REQUIRED = process.env.RMSIM_REQUIRE_BROWSER === '1';
const present = existsSync(CHROMIUM);

if (!present) {
  const why = `${CHROMIUM} not found (apt-get install -y chromium, or set RMSIM_CHROMIUM)`;
  if (REQUIRED) {
    describe('in headless Chromium', () => {
      it('has a chromium to run (RMSIM_REQUIRE_BROWSER=1)', () => {
        throw new Error(`the browser tests are required but ${why}`);
      });
    });
  } else {
    console.warn(`\n  *** SKIPPED test/browser: ${why}; RMSIM_REQUIRE_BROWSER=1 makes this a failure ***\n`);
  }
}

const DEFAULTS = Object.fromEntries(Object.entries(CONTROLS).map(([k, c]) => [k, c.default])) as unknown as Controls;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the demo shows for `c`, computed here with the Node library. */
async function nodeNumbers(c: Controls) {
  const res = await runStudy(demoConfig(c));
  const key = `bon@${c.n}`;
  const e = res.summary.correlations.find(
    (x) => x.design === 'main' && x.metric === 'accuracy' && x.outcome === key && x.quantity === 'ndr',
  );
  const rows = res.rows.map((r: Row) => {
    const o = r.outcomes[key];
    return { id: r.id, values: [r.metrics.main.accuracy, o.ndr, o.goldGain, o.proxyGain].map(String) };
  });
  const headline = [e!.spearman.value, e!.spearman.lo, e!.spearman.hi, e!.pearson.value].map(String);
  return { rows, headline, rowsSha256: sha256(JSON.stringify(res.rows)), wasmSha256: await wasmHash() };
}

/** The same numbers, read off the page once it shows the results for `c`. */
/** Every number on the page is its exact value rounded to the digits shown. */
function expectShownRounds(pairs: string[][]): void {
  expect(pairs.length).toBeGreaterThan(0);
  for (const [text, value] of pairs) {
    const m = /-?\d+(?:\.(\d+))?(?:e[+-]?\d+)?/i.exec(text.replace('−', '-'));
    expect(m, `${text} shows no number`).not.toBeNull();
    const half = 0.5 * 10 ** -(m![1]?.length ?? 0);
    expect(Math.abs(Number(m![0]) - Number(value)), `${text} shows ${value}`).toBeLessThanOrEqual(
      half * (1 + 1e-9) * Math.max(1, /e/i.test(m![0]) ? Math.abs(Number(value)) : 1),
    );
  }
}

async function pageNumbers(page: Page, c: Controls) {
  await page.waitForFunction(
    (want) =>
      document.body.dataset.state === 'error' || (document.body.dataset.state === 'done' && document.body.dataset.controls === want),
    JSON.stringify(c),
    { timeout: 60_000 },
  );
  const status = await page.textContent('#status');
  expect(await page.getAttribute('body', 'data-state'), status ?? '').toBe('done');
  return page.evaluate(() => ({
    rows: Array.from(document.querySelectorAll('#rows tbody tr')).map((tr) => ({
      id: (tr as HTMLElement).dataset.id,
      values: Array.from(tr.querySelectorAll('td[data-key] [data-value]')).map((el) => (el as HTMLElement).dataset.value),
    })),
    headline: Array.from(document.querySelectorAll('#headline [data-value]')).map((el) => (el as HTMLElement).dataset.value),
    // what people read, beside the exact value it rounds
    shownText: Array.from(document.querySelectorAll('[data-value]'), (el) => [
      el.textContent ?? '',
      (el as HTMLElement).dataset.value ?? '',
    ]),
    rowsSha256: document.getElementById('rows-sha256')?.textContent,
    wasmSha256: document.getElementById('wasm-sha256')?.textContent,
    figures: Array.from(document.querySelectorAll('#scatter, #curve')).map((f) => f.querySelector('svg, canvas') !== null),
    workers: /in (\d+) Web Workers/.exec(document.getElementById('status')?.textContent ?? '')?.[1],
  }));
}

describe.skipIf(!present)('in headless Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is not built: run npm run build first');
    mkdirSync(ARTIFACTS, { recursive: true });
    // the demo as `npm run build:web` builds it; any warning (e.g. a Node module externalized for the browser) fails
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (msg) => void warnings.push(msg);
    logger.warnOnce = logger.warn;
    await build({ configFile: join(ROOT, 'examples/web/vite.config.js'), customLogger: logger, logLevel: 'warn' });
    expect(warnings).toEqual([]);
    server = await serveFolder({ dir: DEMO_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A page in a fresh context whose errors go to `problems` (console warnings too, unless
   * `warnings: false`); a request for anything but the page's own files (the served folder; with
   * `offline`, file: URLs and no network at all) is recorded as a problem and refused.
   */
  const open = async (url: string, options: { offline?: boolean; warnings?: boolean } = {}) => {
    const offline = options.offline ?? false;
    const kinds = options.warnings === false ? ['error'] : ['error', 'warning'];
    const context = await browser.newContext({ offline, viewport: { width: 1280, height: 900 } });
    // nothing but the page's own files: file: offline, else the served folder (no CDN, no other host)
    const own = offline ? 'file:' : server.url;
    await context.route(
      (u) => !u.href.startsWith(own) && u.protocol !== 'data:',
      (route) => {
        problems.push(`network request: ${route.request().url()}`);
        return route.abort();
      },
    );
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (kinds.includes(m.type())) problems.push(`console ${m.type()}: ${m.text()}`);
      else if (m.type() === 'warning') console.warn(`${url}: console warning: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    await page.goto(url);
    return page;
  };

  it('the demo runs its study in Web Workers and shows the numbers Node computes, bit for bit', async () => {
    problems.length = 0;
    const page = await open(server.url);
    const shown = await pageNumbers(page, DEFAULTS);
    await page.screenshot({ path: join(ARTIFACTS, 'demo.png'), fullPage: true });
    const node = await nodeNumbers(DEFAULTS);
    expect(shown.figures).toEqual([true, true]);
    expect(Number(shown.workers)).toBeGreaterThanOrEqual(1);
    expect(shown.wasmSha256).toBe(node.wasmSha256);
    expect(shown.headline).toEqual(node.headline);
    expect(shown.rows).toEqual(node.rows);
    expect(shown.rowsSha256).toBe(node.rowsSha256);
    expectShownRounds(shown.shownText);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the controls change the study, and the page still agrees with Node', async () => {
    problems.length = 0;
    const page = await open(server.url);
    await pageNumbers(page, DEFAULTS);
    const c: Controls = { family: 't2', scale: 1.5, k: 4, prompts: 120, n: 32, seed: 7 };
    await page.selectOption('select[name=family]', c.family);
    await page.fill('input[name=scale]', String(c.scale));
    await page.fill('input[name=k]', String(c.k));
    await page.fill('input[name=prompts]', String(c.prompts));
    await page.selectOption('select[name=n]', String(c.n));
    await page.fill('input[name=seed]', String(c.seed));
    await page.click('button[type=submit]');
    const shown = await pageNumbers(page, c);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-student-t.png'), fullPage: true });
    const node = await nodeNumbers(c);
    expect(shown.headline).toEqual(node.headline);
    expect(shown.rows).toEqual(node.rows);
    expect(shown.rowsSha256).toBe(node.rowsSha256);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a bad control value is one line naming the control, not a crash', async () => {
    problems.length = 0;
    const page = await open(server.url);
    await pageNumbers(page, DEFAULTS);
    await page.fill('input[name=prompts]', '5');
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-state=error]');
    expect(await page.textContent('#status')).toBe("error: prompts: '5'; give a number from 20 to 2000");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('report.html of the quick preset renders from file:// with the network off, without an error', async () => {
    problems.length = 0;
    const out = join(tempDir('rmsim-report-'), 'quick');
    const io = bufferIo();
    expect(await main(['study', '--preset', 'quick', '--out', out, '--quiet'], io), io.err()).toBe(0);
    const file = join(out, 'report.html');
    const html = readFileSync(file, 'utf8');
    const page = await open(pathToFileURL(file).href, { offline: true });
    await page.waitForLoadState('load');
    // live views draw after load: give every figure up to 20 s to hold an svg or a canvas
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('figure')).every((f) => f.querySelector('svg, canvas') !== null),
      null,
      {
        timeout: 20_000,
      },
    );
    const figures = await page.evaluate(() => Array.from(document.querySelectorAll('figure')).map((f) => f.id || f.className));
    await page.screenshot({ path: join(ARTIFACTS, 'report-quick.png'), fullPage: false });
    await page
      .locator('figure')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'report-quick-figure.png') });
    // the page names the core that computed it (the one this process loaded)
    expect(await page.textContent('body')).toContain((await wasmHash()).slice(0, 12));
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.length).toBe((html.match(/<figure\b/g) ?? []).length);
    // the first table, the answer, reads as summary.json says: per outcome the best predictor and its Spearman
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const answer = await page.evaluate(() =>
      Array.from(document.querySelector('table')?.querySelectorAll('tbody tr') ?? [], (tr) =>
        Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? ''),
      ),
    );
    const outcomes = summary.leaderboard.outcomes as {
      outcome: string;
      entries: { design: string; metric: string; spearman: { value: number; lo: number; hi: number } }[];
    }[];
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.map((cells) => cells[0].split(' ')[0])).toEqual(outcomes.map((o) => o.outcome));
    answer.forEach((cells, i) => {
      const best = outcomes[i].entries[0];
      expect(cells[1]).toBe(`${best.metric} on ${best.design}`);
      const [value, lo, hi] = (cells[2].match(/-?\d+\.\d+/g) ?? []).map(Number);
      for (const [shown, exact] of [
        [value, best.spearman.value],
        [lo, best.spearman.lo],
        [hi, best.spearman.hi],
      ])
        expect(Math.abs(shown - exact), `${cells[0]}: ${cells[2]} vs ${JSON.stringify(best.spearman)}`).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    // a live view: hovering a point of the forest plot shows a tooltip with its interval, as summary.json has it
    await page.locator('#fig-leaderboard .mark-symbol path').first().hover({ force: true });
    await page.waitForFunction(() => (document.getElementById('vg-tooltip-element')?.textContent ?? '').includes('CI'), null, {
      timeout: 5_000,
    });
    const tip = (await page.textContent('#vg-tooltip-element')) ?? '';
    const where = /on design(.+?) on (.+?)outcome(.+?)rank/.exec(tip);
    const pct = Math.round(summary.leaderboard.level * 100); // the tooltip reads "Spearman0.99195% CI[…]"
    const est = new RegExp(`Spearman(-?\\d+\\.\\d+)${pct}% CI\\[(-?\\d+\\.\\d+), (-?\\d+\\.\\d+)\\]`).exec(tip);
    expect(where && est, tip).toBeTruthy();
    const entry = outcomes.find((o) => o.outcome === where![3])?.entries.find((e) => e.metric === where![1] && e.design === where![2]);
    expect(entry, tip).toBeDefined();
    expect(Math.abs(Number(est![1]) - entry!.spearman.value), tip).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(Number(est![2]) - entry!.spearman.lo), tip).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(Number(est![3]) - entry!.spearman.hi), tip).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

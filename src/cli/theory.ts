/** `rmsim theory`: what a Gaussian gold/proxy model implies, optionally checked by simulation. */
import { Command } from 'commander';
import { z } from 'zod';
import type { Checked } from '../analysis/gaussian-check.js';
import { type TheoryTable, theoryTable } from '../analysis/theory-table.js';
import { MAX_LIST, TOO_MANY } from '../config.js';
import type { CliIo } from './io.js';
import { numberList, numberOption, parseOptions } from './options.js';

export const theoryOptionsSchema = z
  .object({
    accuracy: z.number().gt(0.5).lt(1).optional().describe('pairwise accuracy A of the proxy, in (0.5, 1)'),
    rho: z.number().gt(0).lt(1).optional().describe('correlation ρ of proxy and gold, in (0, 1)'),
    n: z.array(z.number().int().min(1).max(1e9)).min(1).max(MAX_LIST, TOO_MANY).default([1, 4, 16, 64, 256]),
    kl: z.array(z.number().positive().max(1e6)).min(1).max(MAX_LIST, TOO_MANY).default([0.5, 2, 8]),
    sigmaGold: z.number().positive().min(1e-100).max(1e100).default(1),
    check: z.boolean().default(false),
    seed: z
      .number()
      .min(0)
      .max(2 ** 32 - 1)
      .int()
      .default(1),
    json: z.boolean().default(false),
  })
  .strict()
  .refine((o) => (o.accuracy === undefined) !== (o.rho === undefined), {
    message: 'give exactly one of --accuracy and --rho',
    path: ['accuracy'],
  })
  .refine((o) => !o.check || Math.max(...o.n) <= 8192, {
    message: 'at most 8192 with --check (the simulated pools must hold n responses)',
    path: ['n'],
  });

export type TheoryOptions = z.infer<typeof theoryOptionsSchema>;

/** Fixed decimals; a value that rounds to zero prints as 0 (never "-0.0000"). */
const f = (x: number, d = 4) => (Number.isFinite(x) ? (Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d) : '–');
const sim = (c: Checked | undefined, d = 4): string => {
  if (!c) return '';
  if (!Number.isFinite(c.simulated)) return '–';
  if (!(c.se > 1e-12)) return `${f(c.simulated, d)} (exact)`;
  return `${f(c.simulated, d)} ± ${f(c.se, d)} (z ${c.z >= 0 ? '+' : ''}${c.z.toFixed(1)})`;
};

/** The human-readable table. */
export function formatTheory(r: TheoryTable): string {
  const c = r.check;
  const L: string[] = [];
  const row = (cells: string[], widths: number[]) => cells.map((s, i) => s.padStart(widths[i])).join('  ');
  L.push(`Gaussian gold (σ_g = ${r.sigmaGold}) and proxy with correlation ρ = ${f(r.rho)}`);
  L.push('');
  const w0 = [24, 10, 28];
  L.push(row(['test-set metric', 'theory', c ? 'simulated ± se (z)' : ''], w0));
  L.push(row(['pairwise accuracy A', f(r.accuracy), sim(c?.accuracy)], w0));
  L.push(row(['Kendall τ = 2A − 1', f(r.kendall), sim(c?.kendall)], w0));
  L.push(row(['Spearman', f(r.spearman), ''], w0));
  // the sample Spearman of k responses is biased towards 0: its expectation at k is the check
  if (c) L.push(row([`Spearman, k = ${c.sizes.groupSize}`, f(c.spearman.theory), sim(c.spearman)], w0));
  L.push('');
  L.push('best-of-n (NDR = gain with proxy / gain with gold = ρ for every n)');
  const w1 = [6, 8, 10, 10, 7, 9, 26, 22, 22];
  const h1 = ['n', 'E[max]', 'gain', 'gold-gain', 'NDR', 'KL bound'];
  L.push(row(c ? [...h1, 'simulated gain', 'simulated NDR', 'simulated KL'] : h1, w1));
  r.bon.forEach((b, j) => {
    const cells = [String(b.n), f(b.expectedMax), f(b.goldGain), f(b.goldGainWithGold), f(b.ndr, 3), f(b.klBound)];
    L.push(row(c ? [...cells, sim(c.bon[j].goldGain), sim(c.bon[j].ndr, 3), sim(c.bon[j].kl)] : cells, w1));
  });
  if (c) L.push(`  KL: ${c.bon[0].kl.note} (ties in the proxy lower it, as atoms of π0 would)`);
  L.push('');
  L.push('tilt π ∝ π0·exp(r̂/β) at matched KL (gain = ρ·σ_g·√(2·KL), NDR = ρ; β in units of the proxy sd)');
  const w2 = [8, 8, 10, 10, 7, 26, 22];
  const h2 = ['KL', 'β/σ_p', 'gain', 'gold-gain', 'NDR'];
  L.push(row(c ? [...h2, 'simulated gain', 'simulated NDR'] : h2, w2));
  for (const t of r.tilt) {
    const cells = [f(t.kl, 2), f(t.betaPerProxySd, 3), f(t.goldGain), f(t.goldGainWithGold), f(t.ndr, 3)];
    const s = c?.tilt.find((x) => x.kl === t.kl);
    L.push(row(c ? [...cells, s ? sim(s.goldGain) : 'not simulated', s ? sim(s.ndr, 3) : ''] : cells, w2));
  }
  if (c) {
    const notes = c.tilt.filter((t) => t.goldGain.note).map((t) => `  KL ${t.kl}: ${t.goldGain.note}`);
    for (const kl of c.tiltSkipped) notes.push(`  KL ${kl}: not simulated: beyond what pools of ${c.sizes.tiltPool} responses can reach`);
    L.push(...notes);
    const s = c.sizes;
    L.push('');
    L.push(
      `simulated with the wasm kernels: ${s.pairs.toLocaleString('en')} pairs; ${s.groups} groups of ${s.groupSize}; ` +
        `best-of-n on ${s.bonPrompts} pools of ${s.bonPool} (unbiased estimator); tilt on ${s.tiltPrompts} pools of ${s.tiltPool} ` +
        `drawn from N(0, s²), s = ${s.tiltProposalSds.map((x) => x.toFixed(2)).join(', ')}, with importance weights, so the tilted tail is represented. ` +
        `z = (simulated − theory)/se: |z| ≲ 3 is agreement.`,
    );
  }
  return L.join('\n');
}

export function theoryCommand(io: CliIo): Command {
  return new Command('theory')
    .description('what a Gaussian gold/proxy model implies for accuracy, best-of-n and tilt (closed forms)')
    .option('--accuracy <A>', 'pairwise accuracy of the proxy, in (0.5, 1)', numberOption('--accuracy'))
    .option('--rho <ρ>', 'correlation of proxy and gold, in (0, 1)', numberOption('--rho'))
    .option('--n <list>', 'best-of-n values', numberList('--n'))
    .option('--kl <list>', 'KL budgets (nats) for tilt', numberList('--kl'))
    .option('--sigma-gold <σ>', 'sd of gold within a prompt', numberOption('--sigma-gold'))
    .option('--check', 'simulate each quantity with the wasm kernels and print it ± its standard error')
    .option('--seed <int>', 'seed for --check', numberOption('--seed'))
    .option('--json', 'print JSON to stdout')
    .action((raw: Record<string, unknown>) => {
      const opts = parseOptions(theoryOptionsSchema, raw);
      const result = theoryTable(opts);
      io.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatTheory(result)}\n`);
    });
}

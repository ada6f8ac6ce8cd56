/** `rmsim config`: print a preset as an editable YAML config, or the config reference. */
import { Command } from 'commander';
import { stringify } from 'yaml';
import { z } from 'zod';
import { PRESETS, preset } from '../study/presets.js';
import { configReference } from '../study/reference.js';
import { parseStudy } from '../study/schema.js';
import type { CliIo } from './io.js';
import { parseOptions } from './options.js';

export const configOptionsSchema = z
  .object({
    preset: z.string().default('paper'),
    resolved: z.boolean().default(false),
    reference: z.boolean().default(false),
  })
  .strict();

export function configCommand(io: CliIo): Command {
  return new Command('config')
    .description('print a preset as a YAML study config to start from, or the reference of every config field')
    .option('--preset <name>', `the preset to print (${Object.keys(PRESETS).join(', ')})`)
    .option('--resolved', 'print with every default filled in')
    .option('--reference', 'print the config reference (markdown) instead')
    .action((raw: Record<string, unknown>) => {
      const opts = parseOptions(configOptionsSchema, raw);
      if (opts.reference) {
        io.stdout.write(configReference());
        return;
      }
      const cfg = preset(opts.preset);
      io.stdout.write(`# rmsim study config (preset ${opts.preset}): rmsim study --config <this file>\n`);
      io.stdout.write(stringify(opts.resolved ? parseStudy(cfg) : cfg, { lineWidth: 0, aliasDuplicateObjects: false }));
    });
}

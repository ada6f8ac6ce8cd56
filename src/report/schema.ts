/** The `report` section of a study config: what the report shows beyond the standard tables. */
import { z } from 'zod';
import { MAX_LIST, TOO_MANY } from '../config.js';

export const reportSchema = z
  .object({
    trends: z
      .array(
        z
          .object({
            title: z.string().min(1).describe('section title'),
            designs: z
              .array(z.string())
              .min(2)
              .max(MAX_LIST, TOO_MANY)
              .describe('the designs, in the order of the knob they vary if they are ordered'),
            ordered: z
              .boolean()
              .default(false)
              .describe(
                'whether the designs follow one knob in order (k = 2, 4, 8; more prompts): the sentence then reads the trend from the first to the last; otherwise it names only the highest and lowest',
              ),
            metric: z.string().default('accuracy').describe('the metric whose correlation is followed'),
            outcome: z.string().optional().describe('the outcome key (default: the first analysed outcome)'),
            note: z.string().optional().describe('a sentence on what the designs hold fixed'),
            finding: z
              .union([z.literal(2), z.literal(3)])
              .optional()
              .describe('the finding the trend belongs to: 2 (how accuracy is measured; the default) or 3 (a fixed annotation budget)'),
          })
          .strict(),
      )
      .max(MAX_LIST, TOO_MANY)
      .default([])
      .describe('tables that follow one correlation across designs (e.g. k = 2, 4, 8, 16), each with a sentence on its trend'),
  })
  .strict()
  .describe('What the report shows beyond the standard tables.');

export type ReportConfig = z.output<typeof reportSchema>;
export type ReportConfigInput = z.input<typeof reportSchema>;

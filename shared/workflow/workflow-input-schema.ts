import { z } from 'zod';
import type { WorkflowInput } from './workflow-input.js';

/**
 * The execution input, as the workflow's Lambdas validate it. Not strict: each Lambda gets the
 * whole state document (the input plus what earlier steps added).
 */
export const workflowInputSchema = z.object({
  bucket: z.string().min(1),
  key: z.string().min(1),
  sourceKey: z.string().min(1),
  table: z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be a catalog table name'),
  snapshot: z.string().nullable(),
  encoding: z.string(),
  delimiter: z.string().length(1),
  quote: z.string().length(1),
  header: z.object({ original: z.array(z.string()), catalog: z.array(z.string()).min(1) }),
  quoted: z.boolean(),
  multiline: z.boolean(),
  sampleMaxLengths: z.record(z.string(), z.number().int().nonnegative()),
  size: z.number().int().nonnegative(),
  filedAt: z.iso.datetime(),
  superseded: z.boolean(),
}) satisfies z.ZodType<WorkflowInput>;

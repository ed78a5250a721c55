import { z } from 'zod';
import { isTableName } from '../naming/catalog-name.js';
import type { WorkflowInput } from './workflow-input.js';

/**
 * The execution input, as the workflow's Lambdas validate it. Not strict: each Lambda gets the
 * whole state document (the input plus what earlier steps added).
 */
export const workflowInputSchema = z.object({
  bucket: z.string().min(1),
  key: z.string().min(1),
  sourceKey: z.string().min(1),
  table: z.string().refine(isTableName, 'must be a catalog table name (1–64 characters)'),
  snapshot: z.string().nullable(),
  encoding: z.string(),
  delimiter: z.string().length(1),
  quote: z.string().length(1),
  header: z.object({ original: z.array(z.string()), catalog: z.array(z.string()).min(1) }),
  quoted: z.boolean(),
  multiline: z.boolean(),
  sampleMaxLengths: lengthsByColumn(),
  size: z.number().int().nonnegative(),
  filedAt: z.iso.datetime(),
  superseded: z.boolean(),
}) satisfies z.ZodType<WorkflowInput>;

/**
 * Column name → length, the object kept as given: `z.record` would drop a column named
 * `__proto__` without a word.
 */
function lengthsByColumn() {
  return z.custom<Record<string, number>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((n) => Number.isInteger(n) && n >= 0),
    'must map column names to non-negative whole numbers',
  );
}

import { z } from 'zod';
import { isTableName } from '../naming/catalog-name.js';
import type { WorkflowInput } from './workflow-input.js';

/** A table name as the workflow's events carry it. */
export const tableNameSchema = z
  .string()
  .refine(isTableName, 'must be a catalog table name (1–64 characters)');

/**
 * The execution input, as filing writes it. Strict: the execution input is small on purpose
 * (256 KB is Step Functions' quota for it and for every state), so nothing rides along unseen.
 */
export const workflowInputSchema = z.strictObject({
  bucket: z.string().min(1),
  key: z.string().min(1),
  sourceKey: z.string().min(1),
  table: tableNameSchema,
  snapshot: z.string().nullable(),
  encoding: z.string(),
  delimiter: z.string().length(1),
  quote: z.string().length(1),
  columns: z.number().int().positive(),
  quoted: z.boolean(),
  multiline: z.boolean(),
  size: z.number().int().nonnegative(),
  filedAt: z.iso.datetime(),
  superseded: z.boolean(),
}) satisfies z.ZodType<WorkflowInput>;

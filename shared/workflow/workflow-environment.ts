import { z } from 'zod';
import { ConfigError } from '../errors.js';

const workflowEnvironmentSchema = z.object({
  /** Path of the configuration file bundled with the Lambdas. */
  CSV_CATALOG_CONFIG: z.string().min(1).optional(),
  /** The IAM role crawlers run under (any string against the local Glue endpoint). */
  CRAWLER_ROLE_ARN: z.string().min(1).optional(),
  AWS_ENDPOINT_URL_GLUE: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
});

/** What the workflow's Lambdas read from their environment (MySQL settings aside). */
export type WorkflowEnvironment = z.infer<typeof workflowEnvironmentSchema>;

/** Reads and checks the environment once, at cold start; the error names the variable. */
export function readWorkflowEnvironment(env: NodeJS.ProcessEnv = process.env): WorkflowEnvironment {
  const result = workflowEnvironmentSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConfigError(`environment: ${issues}`);
}

import { z } from 'zod';
import { ConfigError } from '../errors.js';

const environmentSchema = z.object({
  /** The workflow file-upload starts; absent: file only. */
  STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:/, 'must be a Step Functions state machine ARN')
    .optional(),
  /** Path of the configuration file bundled with the Lambdas. */
  CSV_CATALOG_CONFIG: z.string().min(1).optional(),
  /** The IAM role crawlers run under (any string against the local Glue endpoint). */
  CRAWLER_ROLE_ARN: z.string().min(1).optional(),
  AWS_ENDPOINT_URL_GLUE: z.url().optional(),
  AWS_ENDPOINT_URL_S3: z.url().optional(),
});

/** What the Lambdas read from their environment (MySQL settings aside: resolve-mysql-settings). */
export type Environment = z.infer<typeof environmentSchema>;

/** Reads and checks the environment once, at cold start; the error names the variable. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const result = environmentSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new ConfigError(`environment: ${issues}`);
}

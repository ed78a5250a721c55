import { createHash } from 'node:crypto';

/** Step Functions allows up to 80 characters; this set is safe for CloudWatch and the console. */
export const MAX_EXECUTION_NAME_LENGTH = 80;
const HASH_LENGTH = 10;

/**
 * A deterministic execution name: `<table>-<snapshot>-<hash of key and ETag>`. The same
 * object delivered twice gives the same name, so the second StartExecution starts nothing
 * new; a re-upload under the same key (new ETag) gets a new one.
 */
export function executionName(input: {
  table: string;
  snapshot?: string;
  sourceKey: string;
  eTag: string;
}): string {
  const hash = createHash('sha256')
    .update(`${input.sourceKey}\n${input.eTag.replace(/"/g, '')}`)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const suffix = input.snapshot ? `-${input.snapshot}-${hash}` : `-${hash}`;
  const table = input.table
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .slice(0, MAX_EXECUTION_NAME_LENGTH - suffix.length);
  return `${table}${suffix}`;
}

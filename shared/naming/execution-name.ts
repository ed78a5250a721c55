import { createHash } from 'node:crypto';

/** Step Functions allows up to 80 characters; this set is safe for CloudWatch and the console. */
export const MAX_EXECUTION_NAME_LENGTH = 80;
const HASH_LENGTH = 10;

/**
 * A deterministic execution name: `<table's ASCII>-<snapshot>-<hash of key and ETag>`. The same
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
  return `${asciiPart(input.table).slice(0, MAX_EXECUTION_NAME_LENGTH - suffix.length)}${suffix}`;
}

/**
 * Step Functions shows only ASCII execution names in its logs: what ASCII a table name has,
 * other runs `_`, or `t` when none (`학교목록` → `t`, `학교_code` → `code`); the hash keeps
 * such names apart.
 */
function asciiPart(table: string): string {
  return table.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 't';
}

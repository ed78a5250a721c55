import { z } from 'zod';
import { LISTED_STATUSES } from '../../shared/aws/execution-history-source.js';
import type { BackfillRequest, SyncRequest } from './console-api.js';
import { ConsoleBadRequest } from './console-errors.js';
import type { RowsQuery } from './console-rows.js';

/** Every request the API takes is checked here; what fails is a 400 saying which field. */

const executionsQuery = z
  .object({
    status: z.enum(LISTED_STATUSES).optional(),
    table: z.string().min(1).max(1024).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    kind: z.enum(['execution', 'file']).optional(),
  })
  .strict();

const tableName = z.string().min(1).max(1024);

const detailQuery = z.object({ history: z.enum(['all', 'none']).optional() }).strict();

const syncRequest = z
  .object({ tables: z.array(tableName).max(10_000).optional(), all: z.boolean().optional() })
  .strict()
  .refine((r) => r.all === true || (r.tables?.length ?? 0) > 0, {
    message: 'give tables (one or more) or all: true',
  });

const backfillRequest = z
  .object({ concurrency: z.number().int().min(1).max(256).optional() })
  .strict();

/** `?status=&table=&limit=&kind=`, each at most once. */
export function parseExecutionsQuery(params: URLSearchParams): RowsQuery {
  return parse(executionsQuery, singleValues(params), 'query');
}

/**
 * `?history=none`: one execution without its event history, for whoever only waits for it to
 * end (a 300-chunk load has thousands of events); `all` (the default) with it.
 */
export function parseDetailQuery(params: URLSearchParams): { history: boolean } {
  return { history: parse(detailQuery, singleValues(params), 'query').history !== 'none' };
}

/** `?table=a&table=b`: the tables to show, none for every table prefix. */
export function parseTablesQuery(params: URLSearchParams): string[] {
  for (const key of params.keys()) {
    if (key !== 'table') throw new ConsoleBadRequest(`query: unknown parameter ${key}`);
  }
  return parse(z.array(tableName), params.getAll('table'), 'query');
}

export function parseSyncRequest(body: unknown): SyncRequest {
  return parse(syncRequest, body, 'body');
}

export function parseBackfillRequest(body: unknown): BackfillRequest {
  return parse(backfillRequest, body ?? {}, 'body');
}

function singleValues(params: URLSearchParams): Record<string, string> {
  const values: [string, string][] = [];
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (all.length > 1) throw new ConsoleBadRequest(`query: ${key} given ${all.length} times`);
    values.push([key, all[0] ?? '']);
  }
  // Own data properties only: a `__proto__` parameter is a parameter (refused as unknown).
  return Object.fromEntries(values);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ConsoleBadRequest(`${where}: ${path}${issue?.message ?? 'invalid'}`);
}

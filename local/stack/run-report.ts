import { causeAbout } from '../../shared/aws/readable-cause.js';
import { recordOf } from '../../shared/config/own-entry.js';
import { describeError } from '../../shared/errors.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { LOADS_TABLE } from '../../shared/mysql/load-record.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { SyncOutcome } from '../../shared/sync/resync-table.js';
import type { JsonValue } from '../workflow/json-value.js';
import { bucketKeys } from './inspect-bucket.js';
import { type CatalogTableView, catalogTables } from './inspect-catalog.js';
import { type MysqlTableView, mysqlTables } from './inspect-mysql.js';
import type { LocalStack } from './local-stack.js';

/** One dropped file and what became of it, filing and workflow together. */
export interface ExecutionView {
  file: string;
  sourceKey: string;
  key: string | null;
  table: string | null;
  /**
   * SUCCEEDED, FAILED, … from the workflow; REFUSED (filing failed on the file) or SKIPPED
   * (not a file to file) when filing stopped it.
   */
  status: string;
  /** The error's fixed name (NamingError, RdsUnavailable, …). */
  error: string | null;
  /** Why, as a sentence: never the Lambda runtime's raw JSON. */
  cause: string | null;
  states: { name: string; status: string }[];
  execution: string | null;
  durationMs: number | null;
  /**
   * The execution's output (the ASL's `Catalogued` document): `crawl`, `mysql`, `warnings`, …
   * and `load`, the LoadRows result (`{ mode: 'off' }` when loading is off; absent in
   * executions from before loading).
   */
  output: JsonValue | null;
}

export interface RunReport {
  executions: ExecutionView[];
  bucket: { name: string; keys: string[] };
  catalog: { database: string; tables: Record<string, CatalogTableView> };
  rds: {
    database: string;
    tables: Record<string, MysqlTableView>;
    /** Why MySQL could not be read back. */
    unavailable?: string;
    /** `--ddl-out`: the DDL went to `<ddlOut>/<table>.sql` and MySQL was not used. */
    ddlOut?: string;
  };
}

type Databases = { glue: string; mysql: MysqlSettings; ddlOut?: string };

/** Waits for every execution of the given uploads and reads back bucket, catalog and MySQL. */
export async function buildRunReport(
  stack: LocalStack,
  uploads: { file: string; key: string }[],
  databases: Databases,
): Promise<RunReport> {
  await stack.idle();
  const filings = new Map(stack.filings().map((f) => [f.sourceKey, f]));
  const executions: ExecutionView[] = [];
  const view = localWorkflowView(stack);
  for (const upload of uploads) {
    executions.push(await filingRow(upload, filings.get(upload.key), view));
  }
  return withState(stack, executions, databases);
}

/** The same report for `backfill --dir`: one row per object that was at the bucket root. */
export async function buildFilingReport(
  stack: LocalStack,
  outcomes: FilingOutcome[],
  databases: Databases,
): Promise<RunReport> {
  await stack.idle();
  const view = localWorkflowView(stack);
  const executions: ExecutionView[] = [];
  for (const o of outcomes) {
    executions.push(await filingRow({ file: o.sourceKey, key: o.sourceKey }, o, view));
  }
  return withState(stack, executions, databases);
}

/** The same report for `sync`: one execution per table prefix. */
export async function buildSyncReport(
  stack: LocalStack,
  outcomes: SyncOutcome[],
  databases: Databases,
): Promise<RunReport> {
  await stack.idle();
  return withState(stack, await syncRows(outcomes, localWorkflowView(stack)), databases);
}

/** How an execution ended, as a row shows it: from the stack itself, or through its console. */
export type WorkflowView = Pick<
  ExecutionView,
  'status' | 'error' | 'cause' | 'states' | 'execution' | 'durationMs' | 'output'
>;
export type WorkflowViewOf = (name: string, table: string) => Promise<WorkflowView>;

/** One row per table a sync went to: its execution's end, or why none started. */
export async function syncRows(
  outcomes: readonly SyncOutcome[],
  view: WorkflowViewOf,
): Promise<ExecutionView[]> {
  const executions: ExecutionView[] = [];
  for (const o of outcomes) {
    const where = o.key ?? `${o.table}/`;
    const base = { file: where, sourceKey: where, key: o.key ?? null, table: o.table };
    if (o.status !== 'started' || !o.execution) {
      executions.push({
        ...base,
        ...notRun,
        status: o.status === 'skipped' ? 'SKIPPED' : 'FAILED',
        cause: o.reason ?? null,
      });
      continue;
    }
    executions.push({ ...base, ...(await view(o.execution.name, o.table)) });
  }
  return executions;
}

const notRun = {
  error: null,
  cause: null,
  states: [],
  execution: null,
  durationMs: null,
  output: null,
};

/** The bucket, catalog and MySQL as a report shows them beside its executions. */
export async function withState(
  stack: Pick<LocalStack, 'bucket' | 's3' | 'glue'>,
  executions: ExecutionView[],
  databases: Databases,
): Promise<RunReport> {
  let rds: RunReport['rds'] = { database: databases.mysql.database, tables: {} };
  if (databases.ddlOut) {
    // Nothing ran against MySQL: what a server there holds is not this run's doing.
    rds = { ...rds, ddlOut: databases.ddlOut };
  } else {
    try {
      rds = { ...rds, tables: withoutBookkeeping(await mysqlTables(databases.mysql)) };
    } catch (error) {
      rds = { ...rds, unavailable: describeError(error) };
    }
  }
  return {
    executions,
    bucket: { name: stack.bucket, keys: await bucketKeys(stack.s3, stack.bucket) },
    catalog: { database: databases.glue, tables: await catalogTables(stack.glue, databases.glue) },
    rds,
  };
}

/** The database's tables less LoadRows' record of loads, which is csv-catalog's, not a table's. */
function withoutBookkeeping(
  tables: Record<string, MysqlTableView>,
): Record<string, MysqlTableView> {
  return recordOf(Object.entries(tables).filter(([name]) => name !== LOADS_TABLE));
}

/** One dropped object's row: what filing did with it and, when it started one, its execution's end. */
export async function filingRow(
  upload: { file: string; key: string },
  filing: FilingOutcome | undefined,
  view: WorkflowViewOf,
): Promise<ExecutionView> {
  const base = { file: upload.file, sourceKey: upload.key, ...notRun };
  if (!filing) {
    return {
      ...base,
      key: null,
      table: null,
      status: 'FAILED',
      error: 'NotFiled',
      cause: 'no S3 event reached the filing step for this upload',
    };
  }
  if (filing.status === 'skipped') {
    return { ...base, key: null, table: null, status: 'SKIPPED', cause: filing.reason };
  }
  if (filing.status === 'failed') {
    return {
      ...base,
      key: null,
      table: filing.table ?? null,
      status: 'REFUSED',
      error: filing.error,
      cause: filing.reason,
    };
  }
  if (!filing.execution) {
    return { ...base, key: filing.key, table: filing.table, status: 'FILED' };
  }
  return {
    ...base,
    key: filing.key,
    table: filing.table,
    ...(await view(filing.execution.name, filing.table)),
  };
}

/** How an execution of the local runner ended, for the report. */
function localWorkflowView(stack: LocalStack): WorkflowViewOf {
  return async (name, table) => {
    const result = await stack.workflow.wait(name);
    return {
      status: result.status,
      error: result.error ?? null,
      cause: causeAbout(table, result.cause) ?? null,
      states: result.states.map((s) => ({ name: s.name, status: s.status })),
      execution: result.name,
      durationMs: result.durationMs ?? null,
      output: result.output ?? null,
    };
  };
}

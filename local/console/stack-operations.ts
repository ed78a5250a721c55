import { join, resolve } from 'node:path';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import type { Config } from '../../shared/config/config-schema.js';
import { ExecutionNotFound, ExecutionNotRedrivable } from '../../shared/errors.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import type { MysqlSettings } from '../../shared/mysql/mysql-settings.js';
import type { SyncOutcome } from '../../shared/sync/resync-table.js';
import { syncTables } from '../../shared/sync/sync-tables.js';
import type { LastExecution, TableOverview } from '../../shared/tables/table-overview.js';
import { tableOverviews } from '../../shared/tables/table-overviews.js';
import { withLocalCommands } from '../stack/local-hints.js';
import type { LocalStack } from '../stack/local-stack.js';
import { type RunReport, withState } from '../stack/run-report.js';
import type { ExecutionRecord } from '../workflow/execution-record.js';
import { FolderDropStore } from '../workflow/folder-drop-store.js';
import { CSV_CATALOG_ASL } from '../workflow/state-machine-file.js';
import type {
  BackfillRequest,
  ConsoleRow,
  ExecutionDetail,
  ExecutionRow,
  RedriveAnswer,
  StateMachineView,
  SyncRequest,
} from './console-api.js';
import { executionRow, fileRow, type RowsQuery, selectRows } from './console-rows.js';
import { executionDetail } from './execution-detail.js';
import { stateMachineView } from './state-machine-view.js';

export interface StackOperationsDeps {
  stack: LocalStack;
  config: Config;
  mysql: MysqlSettings;
  /** The stack's folder as the user gave it (--dir): the commands causes suggest name it. */
  dir: string;
  /** `--ddl-out`: MySQL is not used; the DDL goes to files there. */
  ddlOut?: string;
  /** Tables synced at once (default 4, as `csv-catalog sync`). */
  syncConcurrency?: number;
}

/** The bucket, catalog and MySQL part of a run report (`sync` prints it after its executions). */
export type StackState = Omit<RunReport, 'executions'>;

/**
 * What can be done to a running local stack, whoever asks: the console's pages and the CLI
 * (`executions`, `replay`, `sync`, `backfill`, `tables` on a folder whose stack runs) both
 * reach these through the control API. Nothing here is done twice elsewhere.
 */
export class StackOperations {
  private readonly drops: FolderDropStore;
  private view: StateMachineView | undefined;

  constructor(private readonly deps: StackOperationsDeps) {
    // The stack writes it; read here as `executions --dir` reads it.
    this.drops = new FolderDropStore(join(resolve(deps.dir), 'drops'), { readOnly: true });
  }

  /** The workflow's states as the console draws them, from the ASL the runner runs. */
  stateMachine(): StateMachineView {
    const workflow = this.deps.stack.workflow;
    this.view ??= stateMachineView(workflow.definition, {
      name: workflow.name,
      file: CSV_CATALOG_ASL,
    });
    return this.view;
  }

  /** Executions and refused or skipped drops, newest first. */
  rows(query: RowsQuery): ConsoleRow[] {
    const executions = this.deps.stack.workflow
      .list()
      .reverse()
      .map((record) => this.row(record));
    const drops = this.drops.list().reverse().map(fileRow);
    return selectRows([...executions, ...drops], query);
  }

  /** One execution as a row, its Redrive button's state included. */
  row(record: ExecutionRecord): ExecutionRow {
    return executionRow(record, this.deps.stack.workflow.redrivable(record.name), this.deps.dir);
  }

  /**
   * Throws ExecutionNotFound for a name the stack never ran. Without `history`, `events` is
   * empty: the rest is what a waiting CLI polls for.
   */
  detail(name: string, options: { history: boolean } = { history: true }): ExecutionDetail {
    const record = this.deps.stack.workflow.get(name);
    if (!record) throw new ExecutionNotFound(`no execution named ${name}`);
    const detail = executionDetail(record, this.row(record), this.stateMachine());
    return options.history ? detail : { ...detail, events: [] };
  }

  /** `replay`: redrives in this stack; throws ExecutionNotRedrivable with the refusal's reason. */
  async redrive(name: string): Promise<RedriveAnswer> {
    try {
      return await this.deps.stack.workflow.redrive(name);
    } catch (error) {
      if (!(error instanceof ExecutionNotRedrivable)) throw error;
      // The reason as the row's Redrive button gives it, the commands it names for this folder.
      throw new ExecutionNotRedrivable(withLocalCommands(error.message, this.deps.dir), {
        cause: error,
      });
    }
  }

  /** `sync`: starts the workflow for each table's newest snapshot; does not wait for them. */
  async sync(request: SyncRequest): Promise<SyncOutcome[]> {
    const { stack, config } = this.deps;
    return syncTables(
      { store: new S3ObjectStore(stack.s3, stack.bucket), config, workflow: stack.workflow },
      { ...request, concurrency: this.deps.syncConcurrency ?? 4 },
    );
  }

  /** `backfill --dir`: files what waits at the bucket root; does not wait for the executions. */
  async backfill(request: BackfillRequest): Promise<FilingOutcome[]> {
    return this.deps.stack.backfill(request.concurrency ?? this.deps.config.filing.concurrency);
  }

  /** `tables`: each table's overview, its last execution from the live history. */
  async tables(tables?: readonly string[]): Promise<TableOverview[]> {
    const { stack, config, mysql } = this.deps;
    return tableOverviews(
      {
        store: new S3ObjectStore(stack.s3, stack.bucket),
        catalog: new SdkGlueCatalog(stack.glue),
        config,
        mysqlSettings: mysql,
        lastExecution: async (table) => lastExecutionOf(stack.workflow.list(), table),
      },
      tables,
    );
  }

  /** The bucket, catalog and MySQL now, as a run report shows them. */
  async state(): Promise<StackState> {
    const { stack, config, mysql, ddlOut } = this.deps;
    const { executions: _none, ...state } = await withState(stack, [], {
      glue: config.glue.database,
      mysql,
      ...(ddlOut ? { ddlOut } : {}),
    });
    return state;
  }
}

/** The newest execution of a table, any status. */
function lastExecutionOf(
  records: readonly ExecutionRecord[],
  table: string,
): LastExecution | undefined {
  const newest = records.findLast((r) => r.input.table === table);
  return (
    newest && {
      name: newest.name,
      status: newest.status,
      startedAt: newest.startDate,
      ...(newest.stopDate ? { stoppedAt: newest.stopDate } : {}),
    }
  );
}

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExecutionRecord } from './execution-record.js';
import type { ExecutionStore } from './execution-store.js';
import { interruptedCause } from './interrupted-execution.js';

/**
 * Executions kept in a folder, one JSON file each, so that `executions` and `replay` see
 * them after the stack stopped. Writes are synchronous and atomic (temp file, rename): the
 * runner calls `put` after every history event and a reader must never see half a file.
 * An execution that was running when the stack stopped is read back as ABORTED, since
 * nothing is running it any more; it can be replayed like a failed one.
 */
export class FolderExecutionStore implements ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();
  /** The executions this store found RUNNING when it opened, and marked ABORTED. */
  readonly interrupted: string[] = [];

  /** `readOnly`: list what is there without marking interrupted executions (another process may run them). */
  constructor(
    private readonly dir: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    if (options.readOnly && !existsSync(dir)) return;
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.json')) continue;
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExecutionRecord;
      if (record.status === 'RUNNING' && !options.readOnly) {
        record.status = 'ABORTED';
        // `dir` is <stack folder>/executions: the cause names the stack's folder.
        record.cause = interruptedCause(record.name, dirname(dir));
        record.stopDate ??= new Date().toISOString();
        this.write(record);
        this.interrupted.push(record.name);
      }
      this.records.set(record.name, record);
    }
  }

  get(name: string): ExecutionRecord | undefined {
    return this.records.get(name);
  }

  put(record: ExecutionRecord): void {
    if (this.options.readOnly) throw new Error(`${this.dir} was opened read-only`);
    this.records.set(record.name, record);
    this.write(record);
  }

  list(): ExecutionRecord[] {
    return [...this.records.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
  }

  private write(record: ExecutionRecord): void {
    const path = join(this.dir, `${record.name}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(record));
    renameSync(`${path}.tmp`, path);
  }
}

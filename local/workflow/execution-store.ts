import type { ExecutionRecord } from './execution-record.js';

/**
 * Where the local runner keeps executions. Records are plain JSON, and `put` is called after
 * every change, so a folder-backed store (one file per execution) can replace this one.
 */
export interface ExecutionStore {
  get(name: string): ExecutionRecord | undefined;
  put(record: ExecutionRecord): void;
  /** Every execution, oldest first. */
  list(): ExecutionRecord[];
}

/** Executions of this process only. */
export class InMemoryExecutionStore implements ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();

  get(name: string): ExecutionRecord | undefined {
    return this.records.get(name);
  }

  put(record: ExecutionRecord): void {
    this.records.set(record.name, record);
  }

  list(): ExecutionRecord[] {
    return [...this.records.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
  }
}

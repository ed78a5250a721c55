import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DropStatus } from '../../shared/aws/execution-history-source.js';
import type { FilingOutcome } from '../../shared/filing/filing-outcome.js';

/** A file dropped at the bucket root that started no execution, and why. */
export interface DropRecord {
  /** The key dropped at the bucket root (where the file still is). */
  sourceKey: string;
  status: DropStatus;
  /** A refusal's fixed error name (NamingError, CsvFormatError, FilingError, …). */
  error?: string;
  /** Why, as a sentence that names the file. */
  cause: string;
  /** The table, when filing got as far as deriving it. */
  table?: string;
  /** When filing refused or skipped it (ISO-8601). */
  at: string;
}

/** The handler's own copies into table prefixes: heard as events, never drops. */
const OWN_COPY = 'not at the bucket root';

/** What a filing outcome leaves on the record: nothing for a file that was filed. */
export function dropRecordOf(outcome: FilingOutcome, at: Date): DropRecord | undefined {
  if (outcome.status === 'filed') return undefined;
  if (outcome.status === 'skipped' && outcome.reason === OWN_COPY) return undefined;
  const key = outcome.sourceKey;
  const cause = outcome.reason.startsWith(`${key}: `)
    ? outcome.reason
    : `${key}: ${outcome.reason}`;
  return outcome.status === 'failed'
    ? {
        sourceKey: key,
        status: 'REFUSED',
        error: outcome.error,
        cause,
        ...(outcome.table ? { table: outcome.table } : {}),
        at: at.toISOString(),
      }
    : { sourceKey: key, status: 'SKIPPED', cause, at: at.toISOString() };
}

/**
 * Refused and skipped drops, kept in the stack folder beside the execution history (one JSON
 * file each, written atomically), so that `executions` lists them after the stack stopped.
 * A key filed later, or gone from the bucket root when a stack starts, loses its record: the
 * list is what still needs a person.
 */
export class FolderDropStore {
  constructor(
    private readonly dir: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    if (!options.readOnly) mkdirSync(dir, { recursive: true });
  }

  /** Records what filing did with a dropped key (or forgets it, once filed). */
  note(outcome: FilingOutcome, at: Date = new Date()): void {
    if (this.options.readOnly) throw new Error(`${this.dir} was opened read-only`);
    if (outcome.status === 'skipped' && outcome.reason === OWN_COPY) return;
    const path = this.pathOf(outcome.sourceKey);
    const record = dropRecordOf(outcome, at);
    if (!record) {
      rmSync(path, { force: true });
      return;
    }
    writeFileSync(`${path}.tmp`, JSON.stringify(record));
    renameSync(`${path}.tmp`, path);
  }

  /** Forgets a key (it is no longer at the bucket root: renamed, removed). */
  forget(key: string): void {
    if (this.options.readOnly) throw new Error(`${this.dir} was opened read-only`);
    rmSync(this.pathOf(key), { force: true });
  }

  /** Every recorded drop, oldest first. */
  list(): DropRecord[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as DropRecord)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Keys may hold any character: the file is named by the key's hash, the key is inside. */
  private pathOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}

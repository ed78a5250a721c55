import type { Config } from '../shared/config/config-schema.js';
import type { ObjectStore } from '../shared/filing/object-store.js';
import { deriveTableName } from '../shared/naming/table-name.js';

/** What waits at the bucket root: files no event filed (dropped while no stack ran, refused). */
export interface WaitingAtRoot {
  files: number;
  /** The tables the CSV files' names give. */
  tables: number;
  /** CSV files whose name gives no table: backfill would refuse them again. */
  nameless: number;
  /** Not .csv, or empty: backfill would leave them. */
  notCsv: number;
}

/** Counts the objects at the bucket root as filing would see them (names only, nothing read). */
export async function waitingAtRoot(store: ObjectStore, config: Config): Promise<WaitingAtRoot> {
  const tables = new Set<string>();
  const waiting: WaitingAtRoot = { files: 0, tables: 0, nameless: 0, notCsv: 0 };
  for await (const page of store.listFiles('')) {
    for (const object of page) {
      waiting.files++;
      if (!/\.csv$/i.test(object.key) || object.size === 0) {
        waiting.notCsv++;
        continue;
      }
      try {
        tables.add(deriveTableName(object.key, config.naming.rules).table);
      } catch {
        waiting.nameless++;
      }
    }
  }
  return { ...waiting, tables: tables.size };
}

/** One line: how many files wait and the pasteable command that files them; none when none. */
export function waitingLine(waiting: WaitingAtRoot, backfillCommand: string): string | undefined {
  if (waiting.files === 0) return undefined;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const details = [
    plural(waiting.tables, 'table', 'tables'),
    ...(waiting.nameless > 0
      ? [`${plural(waiting.nameless, 'name', 'names')} giving no table`]
      : []),
    ...(waiting.notCsv > 0 ? [`${waiting.notCsv} not CSV or empty`] : []),
  ];
  const fileable = waiting.files - waiting.nameless - waiting.notCsv;
  const which =
    fileable === waiting.files ? (waiting.files === 1 ? 'it' : 'them') : `${fileable} of them`;
  const what =
    fileable === 0 ? 'none that a backfill would file' : `${backfillCommand} would file ${which}`;
  return `${plural(waiting.files, 'file waits', 'files wait')} at the bucket root (${details.join(', ')}): ${what}`;
}

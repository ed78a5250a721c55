import { recordOf } from '../config/own-entry.js';
import { foldName } from './desired-columns.js';
import type { LoadPlan } from './load-plan.js';
import { parseMysqlType } from './mysql-type.js';
import { type MysqlQueryable, selectRows } from './run-statement.js';
import { capacityInChars } from './string-capacity.js';
import { syncTableDdl } from './sync-table-ddl.js';

/**
 * The columns of `target` too narrow for the longest value of the field mapped to them
 * (`longest` by final catalog name). Overflow keys are not measured against anything: JSON
 * takes any length.
 */
export async function narrowColumns(
  connection: MysqlQueryable,
  plan: LoadPlan,
  target: string,
  longest: ReadonlyMap<string, number>,
): Promise<string[]> {
  const rows = await selectRows(
    connection,
    'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [plan.database, target],
  );
  const capacities = new Map(
    rows.map((row) => {
      const type = parseMysqlType(String(row.type));
      return [foldName(String(row.name)), type ? capacityInChars(type) : undefined] as const;
    }),
  );
  return columnLengths(plan, longest).flatMap(([column, length]) => {
    const capacity = capacities.get(foldName(column));
    return capacity !== undefined && length > capacity ? [column] : [];
  });
}

/**
 * Widens `target` through SyncRdsDdl's planner, the measured lengths (by catalog name, mapped
 * columns only) as its sample: VARCHAR → TEXT → MEDIUMTEXT as needed, never narrower, within
 * the same width limits. Without the catalog nothing can be planned: the caller's strict-mode
 * check refuses the value instead.
 */
export async function widen(
  connection: MysqlQueryable,
  plan: LoadPlan,
  target: string,
  longest: ReadonlyMap<string, number>,
): Promise<void> {
  const catalog = plan.catalog;
  if (!catalog) return;
  const measured = recordOf(
    plan.fields.flatMap((field, i) =>
      plan.targets[i]?.kind === 'column' ? [[field, longest.get(field) ?? 0] as const] : [],
    ),
  );
  await syncTableDdl(
    {
      database: plan.database,
      table: target,
      columns: catalog.columns,
      sampleMaxLengths: measured,
      ...(catalog.typeMap ? { typeMap: catalog.typeMap } : {}),
      ...(catalog.mirror ? { mirror: catalog.mirror } : {}),
      file: plan.key,
      lockWaitSeconds: plan.lockWaitSeconds,
    },
    { connection },
  );
}

/** Each mapped MySQL column with the longest value of its field. */
function columnLengths(
  plan: LoadPlan,
  longest: ReadonlyMap<string, number>,
): (readonly [string, number])[] {
  return plan.fields.flatMap((field, i) => {
    const target = plan.targets[i];
    return target?.kind === 'column' ? [[target.column, longest.get(field) ?? 0] as const] : [];
  });
}

/** Longest per name over two measurements. */
export function mergeLongest(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): Map<string, number> {
  const merged = new Map(a);
  for (const [name, chars] of b) merged.set(name, Math.max(chars, merged.get(name) ?? 0));
  return merged;
}

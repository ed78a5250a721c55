import type { MysqlSettings } from '../mysql/mysql-settings.js';
import { openMysql } from '../mysql/open-mysql.js';
import { tablePrefixes } from '../sync/table-prefixes.js';
import { type TableOverview, type TableOverviewDeps, tableOverview } from './table-overview.js';

/** What tableOverviews reads from, less the MySQL connection it opens itself. */
export type TableOverviewSources = Omit<TableOverviewDeps, 'mysql' | 'mysqlDatabase'> & {
  mysqlSettings: MysqlSettings;
};

/**
 * The overview of each table (every table prefix when none is given), on one MySQL
 * connection: what `csv-catalog tables` prints and the console's Tables view shows.
 */
export async function tableOverviews(
  sources: TableOverviewSources,
  tables?: readonly string[],
): Promise<TableOverview[]> {
  const { mysqlSettings, ...deps } = sources;
  const names = tables?.length ? [...tables] : await tablePrefixes(deps.store, deps.config);
  const mysql = await openMysql(mysqlSettings);
  const overviews: TableOverview[] = [];
  try {
    for (const table of names) {
      overviews.push(
        await tableOverview(table, { ...deps, mysql, mysqlDatabase: mysqlSettings.database }),
      );
    }
  } finally {
    await mysql.end().catch(() => undefined);
  }
  return overviews;
}

import type { Config } from '../config/config-schema.js';
import { ownEntry } from '../config/own-entry.js';
import { describeError } from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import { sniffObject } from '../filing/sniff-object.js';
import { crawlerNameFor } from '../glue/crawler-name.js';
import type { GlueCatalog } from '../glue/glue-catalog.js';
import { readExistingTable } from '../mysql/existing-table.js';
import { quoteQualified } from '../mysql/quote-identifier.js';
import { type MysqlQueryable, selectRows } from '../mysql/run-statement.js';
import { type UnfinishedLoad, unfinishedLoads } from '../mysql/unfinished-loads.js';
import {
  type ColumnPair,
  columnDisagreement,
  pairColumns,
  type SideColumn,
} from './column-pairs.js';
import { countFileRows } from './count-file-rows.js';
import { filedFile } from './filed-file.js';

/** The crawler's last run, as GetCrawler's LastCrawl has it. */
export interface CrawlerRun {
  name: string;
  /** Absent when the crawler does not exist. */
  exists: boolean;
  /** SUCCEEDED, FAILED, CANCELLED; absent when it never finished a crawl. */
  status?: string;
  startedAt?: string;
  error?: string;
}

/** The newest execution of the table, from the execution history. */
export interface LastExecution {
  name: string;
  status: string;
  startedAt: string;
  stoppedAt?: string;
}

/** What `csv-catalog tables` shows of one table. Counts are null where a side has no table. */
export interface TableOverview {
  table: string;
  columns: ColumnPair[];
  /** Why MySQL's columns are not the catalog's (names, order); absent when they agree. */
  columnsDisagree?: string;
  /** The file in place under `<table>/`, its data records (header not counted). */
  file: { key: string; rows: number } | null;
  mysqlRows: number | null;
  crawler: CrawlerRun;
  lastExecution: LastExecution | null;
  /** Loads of the table that began and have not finished (their rows in a staging table). */
  unfinishedLoads: UnfinishedLoad[];
  /** What could not be read, one sentence each (a side missing is not a problem). */
  problems: string[];
}

export interface TableOverviewDeps {
  store: ObjectStore;
  catalog: GlueCatalog;
  mysql: MysqlQueryable;
  mysqlDatabase: string;
  config: Config;
  /** The deployed stage, for the crawler's name; undefined locally. */
  stage?: string;
  /** The newest execution of a table, any status. */
  lastExecution: (table: string) => Promise<LastExecution | undefined>;
}

/** Gathers one table's catalog and MySQL columns, row counts, crawler run and last execution. */
export async function tableOverview(
  table: string,
  deps: TableOverviewDeps,
): Promise<TableOverview> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      problems.push(`${what}: ${describeError(error)}`);
      return fallback;
    }
  };
  const catalogColumns = await attempt('catalog', () => readCatalogColumns(table, deps), undefined);
  const existing = await attempt(
    'MySQL columns',
    () => readExistingTable(deps.mysql, deps.mysqlDatabase, table),
    undefined,
  );
  const mysqlColumns: SideColumn[] | undefined = existing?.columns.map((c) => ({
    name: c.name,
    type: c.columnType,
    comment: c.comment,
  }));
  const mysqlRows = existing
    ? await attempt('MySQL rows', () => countMysqlRows(deps, table), null)
    : null;
  const file = await attempt('filed file', () => readFiledRows(table, deps), null);
  const crawler = await attempt('crawler', () => crawlerRun(table, deps), {
    name: crawlerNameFor(table, deps.config, deps.stage),
    exists: false,
  });
  const lastExecution = await attempt('executions', () => deps.lastExecution(table), undefined);
  const loads = await attempt(
    'MySQL loads',
    () => unfinishedLoads(deps.mysql, deps.mysqlDatabase, table),
    [],
  );
  const mirrored = ownEntry(deps.config.rds.tables, table)?.columns;
  const columnsDisagree =
    catalogColumns && mysqlColumns
      ? columnDisagreement(catalogColumns, mysqlColumns, mirrored)
      : catalogColumns
        ? 'no MySQL table'
        : mysqlColumns
          ? 'no catalog table'
          : undefined;
  return {
    table,
    columns: pairColumns(catalogColumns ?? [], mysqlColumns ?? []),
    ...(columnsDisagree ? { columnsDisagree } : {}),
    file,
    mysqlRows,
    crawler,
    lastExecution: lastExecution ?? null,
    unfinishedLoads: loads,
    problems,
  };
}

async function readCatalogColumns(
  table: string,
  deps: TableOverviewDeps,
): Promise<SideColumn[] | undefined> {
  const found = await deps.catalog.getTable(deps.config.glue.database, table);
  if (!found) return undefined;
  return (found.StorageDescriptor?.Columns ?? []).map((c) => ({
    name: c.Name ?? '',
    type: c.Type ?? '',
    comment: c.Comment ?? '',
  }));
}

/** COUNT(*), exact: information_schema's TABLE_ROWS is an InnoDB estimate. */
async function countMysqlRows(deps: TableOverviewDeps, table: string): Promise<number> {
  const rows = await selectRows(
    deps.mysql,
    `SELECT COUNT(*) AS n FROM ${quoteQualified(deps.mysqlDatabase, table)}`,
    [],
  );
  return Number(rows[0]?.n ?? 0);
}

async function readFiledRows(
  table: string,
  deps: TableOverviewDeps,
): Promise<{ key: string; rows: number } | null> {
  const object = await filedFile(deps.store, table, deps.config);
  if (!object) return null;
  // The filed copy is UTF-8 whatever the source was; its head says delimiter and quote.
  const profile = await sniffObject(deps.store, object, table, deps.config, 'utf-8');
  const rows = await countFileRows(deps.store, object.key, profile);
  return { key: object.key, rows };
}

async function crawlerRun(table: string, deps: TableOverviewDeps): Promise<CrawlerRun> {
  const name = crawlerNameFor(table, deps.config, deps.stage);
  const crawler = await deps.catalog.getCrawler(name);
  const last = crawler?.LastCrawl;
  return {
    name,
    exists: Boolean(crawler),
    ...(last?.Status ? { status: last.Status } : {}),
    ...(last?.StartTime ? { startedAt: new Date(last.StartTime).toISOString() } : {}),
    ...(last?.ErrorMessage ? { error: last.ErrorMessage } : {}),
  };
}

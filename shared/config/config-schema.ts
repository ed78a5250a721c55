import { z } from 'zod';
import { crawlerNamePatternProblem } from '../glue/crawler-name.js';
import { DEFAULT_LOCK_WAIT_SECONDS } from '../mysql/lock-wait.js';
import { parseMysqlType } from '../mysql/mysql-type.js';
import { isCatalogName, isTableName, MAX_IDENTIFIER_LENGTH } from '../naming/catalog-name.js';
import { MAX_CRAWL_POLLS } from '../workflow/history-bound.js';

/** 256 MiB: what LOAD DATA takes from S3 in a few minutes, well inside a Lambda's 15. */
export const DEFAULT_CHUNK_BYTES = 268_435_456;

const CATALOG_NAME_RULE = `must be a catalog column name: 1–${MAX_IDENTIFIER_LENGTH} lower-case letters (any script), digits and _, not starting or ending with _`;
const TABLE_NAME_RULE = `must be a catalog table name: 1–${MAX_IDENTIFIER_LENGTH} lower-case letters (any script), digits and _, not starting or ending with _ nor starting with a digit`;

const glueIdentifier = z
  .string()
  .regex(/^[a-z0-9_]{1,255}$/, 'must be lower-case letters, digits and _ (Glue lower-cases names)');

const namingRule = z
  .strictObject({
    /** A regular expression over the file name, with a named group `table` (and optionally `snapshot`). */
    pattern: z.string().refine(isRegExp, 'is not a valid regular expression'),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
      .default(''),
    /** The table for every file the pattern matches; then the pattern needs no `table` group. */
    table: z.string().refine(isTableName, TABLE_NAME_RULE).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.table === undefined && isRegExp(rule.pattern) && !/\(\?<table>/.test(rule.pattern)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: 'needs a named group (?<table>…), or the rule a literal `table`',
      });
    }
  });

/** A catalog column name as csv-catalog writes them (`catalogColumnNames` can produce it). */
const catalogName = z.string().refine(isCatalogName, CATALOG_NAME_RULE);

/**
 * A table under `tables`: a name `deriveTableName` can give. (A `__proto__` key never reaches
 * a record's key schema, zod drops it silently: `parseConfig` refuses it before.)
 */
const tableKey = z.string().refine(isTableName, TABLE_NAME_RULE);

/** A Glue (Hive) column type. */
const columnType = z
  .string()
  .regex(
    /^(string|bigint|int|smallint|tinyint|double|float|boolean|timestamp|date|binary|decimal\(\d{1,2},\s*\d{1,2}\)|(var)?char\(\d+\)|(array|map|struct)<.+>)$/,
    'must be a Glue column type (string, bigint, int, double, boolean, timestamp, date, decimal(p,s), …)',
  );

/** A MySQL column type a Glue type may map to. */
const mysqlType = z
  .string()
  .refine(
    (t) => parseMysqlType(t) !== undefined,
    'must be a MySQL column type (VARCHAR(255), TEXT, BIGINT, …)',
  );

/**
 * How an empty field loads: NULL or ''. YAML reads `emptyAs: null` as null, not as the word:
 * both mean NULL.
 */
const emptyAs = z.enum(['null', 'empty']).or(z.null().transform(() => 'null' as const));

/** `rds.tables.<table>`: how one table is mirrored in MySQL. */
const rdsTableSettings = z.strictObject({
  /** The catalog columns MySQL mirrors (kept in catalog order); absent: every column. */
  columns: z
    .array(catalogName)
    .min(1)
    .refine((names) => new Set(names).size === names.length, 'lists a column twice')
    .optional(),
  /**
   * `json`: catalog columns past MySQL's width limits (1,017 columns, about 8 KB in a page) are
   * kept in one JSON column `_overflow`; absent: such a table is refused (RdsTableTooWide).
   */
  overflow: z.enum(['json']).optional(),
  /** This table's `rds.load`; absent: the top-level one. */
  load: z.enum(['off', 'replace', 'append']).optional(),
  /** This table's `rds.emptyAs`; absent: the top-level one. */
  emptyAs: emptyAs.optional(),
  /** This table's `rds.maxShrink`; absent: the top-level one. */
  maxShrink: z.number().min(0).max(1).optional(),
});

const tableSettings = z.strictObject({
  /** Positional catalog names, for files whose header the crawler missed (col0, col1, …). */
  columns: z.array(catalogName).optional(),
  /** Catalog renames: old name → new name; applied after the header names. */
  rename: z.record(z.string(), catalogName).default({}),
  /** Catalog types that stay other than string for this table: column → Glue type. */
  types: z.record(catalogName, columnType).default({}),
  encoding: z.enum(['auto', 'utf-8', 'cp949', 'euc-kr', 'utf-16le', 'utf-16be']).optional(),
  /** This table's reader in Athena; absent: the top-level `serde`. */
  serde: z.enum(['open-csv', 'lazy-simple']).optional(),
});

/** The one configuration file (JSON or YAML); every field has a default. */
export const configSchema = z.strictObject({
  glue: z
    .strictObject({
      database: glueIdentifier.default('csv_catalog'),
      /**
       * Crawler names: a pattern with `{table}` (and `{stage}`); absent: `crawler_{stage}_{table}`
       * when deployed, `crawler_{table}` locally (shared/glue/crawler-name.ts).
       */
      crawlerName: z
        .string()
        .superRefine((pattern, ctx) => {
          const problem = crawlerNamePatternProblem(pattern);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
    })
    .prefault({}),
  naming: z
    .strictObject({
      rules: z.array(namingRule).default([]),
      /** Prefixes that are never tables (besides _raw/ and _archive/). */
      exclude: z
        .array(z.string().regex(/^[^/].*\/$/, 'must be a prefix ending in /'))
        .default(['athena/', 'jar/', 'result/']),
      /** Column names: every script as written (the default), or ASCII only (others `col<N>`). */
      columns: z.enum(['unicode', 'ascii']).default('unicode'),
    })
    .prefault({}),
  snapshots: z.enum(['replace', 'append']).default('replace'),
  /** The reader Athena uses: OpenCSVSerde reads quoted and unquoted fields (every column is a string). */
  serde: z.enum(['open-csv', 'lazy-simple']).default('open-csv'),
  encoding: z.enum(['auto', 'utf-8', 'cp949', 'euc-kr', 'utf-16le', 'utf-16be']).default('auto'),
  crawl: z
    .strictObject({
      mode: z.enum(['when-needed', 'always']).default('when-needed'),
      schemaChangePolicy: z
        .strictObject({
          updateBehavior: z.enum(['LOG', 'UPDATE_IN_DATABASE']).default('LOG'),
          deleteBehavior: z
            .enum(['LOG', 'DELETE_FROM_DATABASE', 'DEPRECATE_IN_DATABASE'])
            .default('LOG'),
        })
        .prefault({}),
      pollIntervalSeconds: z.number().int().min(1).max(3600).default(30),
      maxPolls: z
        .number()
        .int()
        .min(1)
        .max(
          MAX_CRAWL_POLLS,
          `at most ${MAX_CRAWL_POLLS}: each poll adds 11 events to the execution's history (23 when GetCrawler is retried), a file may be crawled twice, the rest of the history is the load's, and Step Functions fails an execution at 25,000 events (shared/workflow/history-bound.ts); raise crawl.pollIntervalSeconds to wait longer`,
        )
        .default(120),
    })
    .prefault({}),
  tables: z.record(tableKey, tableSettings).default({}),
  rds: z
    .strictObject({
      /**
       * LoadRows after SyncRdsDdl: `replace` swaps the table's rows for the file's, `append`
       * adds them (once per snapshot); `off` (the default) leaves the rows alone.
       */
      load: z.enum(['off', 'replace', 'append']).default('off'),
      /** An empty field (`,,`) loads as NULL, or as the empty string. */
      emptyAs: emptyAs.default('null'),
      /**
       * A replace that would shrink the table by more than this share of its rows fails before
       * the swap (a truncated export must not wipe a good table); 1 lets any replace through.
       */
      maxShrink: z.number().min(0).max(1).default(0.5),
      /**
       * At most this many bytes of the file per LoadRows invocation (a Lambda lives 15
       * minutes); the state machine loops until the file is loaded. A file too large for the
       * loop's history bound gets larger chunks (shared/workflow/history-bound.ts).
       */
      chunkBytes: z.number().int().min(1).default(DEFAULT_CHUNK_BYTES),
      /** Glue type → MySQL type overrides, e.g. { "string": "TEXT" }. */
      typeMap: z.record(z.string(), mysqlType).default({}),
      /**
       * How long a DDL statement waits for a table's metadata lock (another session's open
       * transaction) before SyncRdsDdl fails with RdsLockTimeout and the workflow retries. At
       * most 120: a statement or two must finish within the Lambda's timeout.
       */
      lockWaitSeconds: z.number().int().min(1).max(120).default(DEFAULT_LOCK_WAIT_SECONDS),
      /** Per table: which catalog columns MySQL mirrors, and what happens past its width limits. */
      tables: z.record(tableKey, rdsTableSettings).default({}),
    })
    .prefault({}),
  filing: z
    .strictObject({
      /** How many objects the backfill files at once. */
      concurrency: z.number().int().min(1).max(256).default(16),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type TableSettings = z.infer<typeof tableSettings>;
export type RdsTableSettings = z.infer<typeof rdsTableSettings>;
export type EncodingSetting = Config['encoding'];

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

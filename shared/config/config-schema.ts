import { z } from 'zod';
import { parseMysqlType } from '../mysql/mysql-type.js';
import { isCatalogName, isTableName, MAX_IDENTIFIER_LENGTH } from '../naming/catalog-name.js';

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
      maxPolls: z.number().int().min(1).max(10000).default(120),
    })
    .prefault({}),
  tables: z.record(tableKey, tableSettings).default({}),
  rds: z
    .strictObject({
      load: z.enum(['off', 'replace', 'append']).default('off'),
      /** Glue type → MySQL type overrides, e.g. { "string": "TEXT" }. */
      typeMap: z.record(z.string(), mysqlType).default({}),
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
export type EncodingSetting = Config['encoding'];

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** A column of the Glue catalog table, in catalog order. */
export interface CatalogColumn {
  name: string;
  /** The Glue (Hive) type: string, bigint, decimal(10,2), array<string>, … */
  type: string;
  /**
   * The Glue column's Comment: the header cell as written, where the catalog name differs from
   * it. MySQL's COMMENT follows it (absent: no COMMENT).
   */
  comment?: string;
}

/** Glue type → MySQL type overrides from config (`rds.typeMap`), e.g. { string: 'TEXT' }. */
export type TypeMapOverrides = Readonly<Record<string, string>>;

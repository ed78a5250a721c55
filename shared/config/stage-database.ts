/** The Glue database when the config names none and nothing is deployed (the local stack). */
export const LOCAL_GLUE_DATABASE = 'csv_catalog';

/**
 * The Glue database of a deployed stage whose config names none: `csv_catalog_<stage>`, so
 * two stages in one account and region never write each other's tables. Glue database names
 * are lower-case letters, digits and `_`: a stage's `-` becomes `_` (`prod-eu` →
 * `csv_catalog_prod_eu`). deploy/settings.cjs derives the same name for the IAM grants.
 */
export function stageGlueDatabase(stage: string): string {
  return `${LOCAL_GLUE_DATABASE}_${stage.toLowerCase().replaceAll('-', '_')}`;
}

/**
 * The parsed config file with the stage's database filled in where the file names none
 * (`glue.database` absent); anything else, valid or not, is left for the schema to judge.
 */
export function withStageDatabase(data: unknown, stage: string | undefined): unknown {
  if (stage === undefined) return data;
  const file = data ?? {};
  if (typeof file !== 'object' || Array.isArray(file)) return data;
  const glue = Object.hasOwn(file, 'glue') ? (file as { glue?: unknown }).glue : undefined;
  if (glue !== undefined && (typeof glue !== 'object' || glue === null || Array.isArray(glue))) {
    return data;
  }
  if (glue !== undefined && Object.hasOwn(glue, 'database')) return data;
  return { ...file, glue: { ...(glue ?? {}), database: stageGlueDatabase(stage) } };
}

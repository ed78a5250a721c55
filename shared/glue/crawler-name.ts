import type { Config } from '../config/config-schema.js';
import { ConfigError } from '../errors.js';

/** The placeholders a `glue.crawlerName` pattern may hold. */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['table', 'stage']);

/** Locally (no stage): `crawler_<table>`, the seed's own names. */
export const LOCAL_CRAWLER_NAME = 'crawler_{table}';
/**
 * Deployed (a stage): the stage in the name, so `dev` and `prod` in one account and region never
 * re-point each other's crawlers. A team adopting the crawlers it has sets `crawler_{table}`.
 */
export const STAGE_CRAWLER_NAME = 'crawler_{stage}_{table}';

/**
 * Glue: a crawler name is 1–255 characters on one line (CreateCrawler `Name`). Table names and
 * stages are at most 64 characters each, so a pattern's own text is held to what is left.
 */
const MAX_PATTERN_TEXT = 255 - 64 - 64;

/** Why a `glue.crawlerName` pattern is unusable, or undefined when it is fine. */
export function crawlerNamePatternProblem(pattern: string): string | undefined {
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ''))) return 'has an unmatched { or }';
  const placeholders = [...pattern.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  const unknown = placeholders.find((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown !== undefined) return `{${unknown}} is not a placeholder: use {table} and {stage}`;
  if (placeholders.filter((name) => name === 'table').length !== 1) {
    return 'needs {table} exactly once: every table has its own crawler';
  }
  if (/[\r\n]/.test(pattern)) return 'must be on one line';
  if (pattern.replace(PLACEHOLDER, '').length > MAX_PATTERN_TEXT) {
    return `is too long: at most ${MAX_PATTERN_TEXT} characters besides the placeholders`;
  }
  return undefined;
}

/**
 * The name of a table's crawler: `glue.crawlerName` with `{table}` and `{stage}` filled in; by
 * default `crawler_<stage>_<table>` when deployed to a stage, `crawler_<table>` locally. A
 * pattern with `{stage}` run where there is no stage (the local stack) gets `local`. Every
 * place that names a crawler (EnsureCrawler, the adoption of a crawled table) calls this.
 */
export function crawlerNameFor(
  table: string,
  config: Pick<Config, 'glue'>,
  stage?: string,
): string {
  const pattern =
    config.glue.crawlerName ?? (stage === undefined ? LOCAL_CRAWLER_NAME : STAGE_CRAWLER_NAME);
  return pattern.replace(PLACEHOLDER, (_, placeholder: string) =>
    placeholder === 'table' ? table : (stage ?? 'local'),
  );
}

/** A stage name as serverless names stages: letters, digits and hyphens. */
const STAGE = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The stage a Lambda runs in: `STAGE` from its environment (serverless.yml sets it); undefined
 * locally or when unset or empty. A value that is not a stage name is refused, never put into names.
 */
export function deployedStage(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const stage = env.STAGE;
  if (stage === undefined || stage === '') return undefined;
  if (!STAGE.test(stage)) {
    throw new ConfigError(
      `environment: STAGE: ${JSON.stringify(stage)} is not a stage name (letters, digits, -)`,
    );
  }
  return stage;
}

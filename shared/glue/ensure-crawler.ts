import type { CsvClassifier } from '@aws-sdk/client-glue';
import type { Config } from '../config/config-schema.js';
import { CrawlerSettingsInvalid } from '../errors.js';
import { crawlerNameFor } from './crawler-name.js';
import { crawlerDifferences, desiredCrawler } from './crawler-settings.js';
import { csvClassifierFor } from './csv-classifier-settings.js';
import type { CsvClassifierSettings, GlueCatalog } from './glue-catalog.js';

export interface EnsureCrawlerRequest {
  bucket: string;
  table: string;
  delimiter: string;
  quote: string;
}

export interface EnsureCrawlerDeps {
  catalog: GlueCatalog;
  config: Config;
  /** The IAM role crawlers run under; undefined keeps an existing crawler's role. */
  role: string | undefined;
  /** The deployed stage (STAGE), put into crawler names; undefined locally. */
  stage?: string | undefined;
}

/** What EnsureCrawler did, for the console. */
export interface EnsureCrawlerResult {
  name: string;
  database: string;
  classifier: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The settings an update changed (empty unless updated). */
  changed: string[];
  databaseCreated: boolean;
}

/**
 * Makes the table's crawler (crawlerNameFor: `crawler_<table>` by default) exist with
 * csv-catalog's settings: its Glue database and CSV classifier first (created if missing), then
 * the crawler, created or updated — among them the grouping policy and table threshold that make
 * one prefix one table or a failed crawl (crawler-settings.ts), set again on a crawler that lacks
 * them. Idempotent, and safe against concurrent runs for other tables sharing the database and
 * classifier.
 */
export async function ensureCrawler(
  request: EnsureCrawlerRequest,
  deps: EnsureCrawlerDeps,
): Promise<EnsureCrawlerResult> {
  const { catalog, config } = deps;
  const database = config.glue.database;
  const databaseCreated = await catalog.ensureDatabase(database);
  const classifier = csvClassifierFor(request.delimiter, request.quote);
  await ensureClassifier(catalog, classifier);
  const name = crawlerNameFor(request.table, config, deps.stage);
  const result = { name, database, classifier: classifier.Name, databaseCreated };
  // A second pass only when a concurrent execution of the same table created it meanwhile.
  for (let pass = 1; pass <= 2; pass++) {
    const current = await catalog.getCrawler(name);
    const role = deps.role ?? current?.Role;
    if (!role) {
      throw new CrawlerSettingsInvalid(
        `${name} does not exist and CRAWLER_ROLE_ARN is not set: no role to create it with`,
      );
    }
    const desired = desiredCrawler({
      ...request,
      name,
      classifier: classifier.Name,
      role,
      config,
    });
    if (!current) {
      if (await catalog.createCrawler(desired))
        return { ...result, action: 'created', changed: [] };
      continue;
    }
    const changed = crawlerDifferences(current, desired);
    if (changed.length === 0) return { ...result, action: 'unchanged', changed };
    await catalog.updateCrawler(desired);
    return { ...result, action: 'updated', changed };
  }
  throw new CrawlerSettingsInvalid(`${name} was reported both missing and existing: retry`);
}

async function ensureClassifier(catalog: GlueCatalog, desired: CsvClassifierSettings) {
  const current = await catalog.getCsvClassifier(desired.Name);
  if (!current && (await catalog.createCsvClassifier(desired))) return;
  const existing = current ?? (await catalog.getCsvClassifier(desired.Name));
  if (existing && !sameClassifier(existing, desired)) await catalog.updateCsvClassifier(desired);
}

function sameClassifier(current: CsvClassifier, desired: CsvClassifierSettings): boolean {
  return (
    current.Delimiter === desired.Delimiter &&
    current.QuoteSymbol === desired.QuoteSymbol &&
    current.ContainsHeader === desired.ContainsHeader &&
    (current.AllowSingleColumn ?? false) === desired.AllowSingleColumn &&
    (current.DisableValueTrimming ?? false) === desired.DisableValueTrimming
  );
}

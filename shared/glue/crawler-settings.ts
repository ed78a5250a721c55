import type { Crawler, CreateCrawlerRequest } from '@aws-sdk/client-glue';
import type { Config } from '../config/config-schema.js';
import { tablePaths } from '../filing/table-paths.js';
import { sameJson } from './same-json.js';

/**
 * The crawler's Configuration, one JSON document:
 * - `Grouping.TableGroupingPolicy: CombineCompatibleSchemas`: the files under `<table>/` make one
 *   table with the union of their columns even when their headers differ (a column added in a
 *   later snapshot, `append` files of different headers); without it Glue makes a table per file
 *   whose schema is "not sufficiently similar" ("Creating a single schema for each Amazon S3
 *   include path", https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html).
 * - `CrawlerOutput.Tables.TableThreshold: 1`: a crawl that would still make more than one table
 *   (files that are not compatible at all) fails and writes nothing, instead of leaving tables
 *   CoerceSchema cannot find ("Specifying the maximum number of tables the crawler is allowed to
 *   create", https://docs.aws.amazon.com/glue/latest/dg/crawler-maximum-number-of-tables.html).
 * - `CrawlerOutput.Partitions.AddOrUpdateBehavior: InheritFromTable`: partitions take the
 *   table's schema, so coercing the table fixes every partition's too.
 */
export const CRAWLER_CONFIGURATION = JSON.stringify({
  Version: 1.0,
  Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' },
  CrawlerOutput: {
    Partitions: { AddOrUpdateBehavior: 'InheritFromTable' },
    Tables: { TableThreshold: 1 },
  },
});

/** Outside `<table>/` anyway; listed so that a crawler pointed higher never catalogs them. */
export const CRAWLER_EXCLUSIONS = ['_raw/**', '_archive/**'];

export const CRAWLER_DESCRIPTION = 'Managed by csv-catalog: settings are reset on every run.';

/** The crawler of a table as csv-catalog configures it (CreateCrawler's members). */
export function desiredCrawler(options: {
  /** crawlerNameFor(table, config, stage) */
  name: string;
  bucket: string;
  table: string;
  classifier: string;
  role: string;
  config: Config;
}): CreateCrawlerRequest & { Role: string } {
  const { config } = options;
  return {
    Name: options.name,
    Role: options.role,
    Description: CRAWLER_DESCRIPTION,
    DatabaseName: config.glue.database,
    Targets: {
      S3Targets: [
        {
          Path: `s3://${options.bucket}/${tablePaths.prefix(options.table)}`,
          Exclusions: CRAWLER_EXCLUSIONS,
        },
      ],
    },
    Classifiers: [options.classifier],
    SchemaChangePolicy: {
      UpdateBehavior: config.crawl.schemaChangePolicy.updateBehavior,
      DeleteBehavior: config.crawl.schemaChangePolicy.deleteBehavior,
    },
    Configuration: CRAWLER_CONFIGURATION,
  };
}

/** The settings in which a crawler differs from the desired one (empty: nothing to update). */
export function crawlerDifferences(current: Crawler, desired: CreateCrawlerRequest): string[] {
  const differences: string[] = [];
  const differ = (setting: string, a: unknown, b: unknown) => {
    if (!sameJson(a, b)) differences.push(setting);
  };
  differ('Role', current.Role, desired.Role);
  differ('DatabaseName', current.DatabaseName, desired.DatabaseName);
  differ('Description', current.Description, desired.Description);
  differ('Targets', s3Targets(current.Targets), s3Targets(desired.Targets));
  differ('Classifiers', current.Classifiers ?? [], desired.Classifiers);
  differ('SchemaChangePolicy', policy(current), policy(desired));
  differ('Configuration', parsed(current.Configuration), parsed(desired.Configuration));
  return differences;
}

function s3Targets(targets: Crawler['Targets']) {
  const others = Object.entries(targets ?? {}).filter(
    ([kind, list]) => kind !== 'S3Targets' && Array.isArray(list) && list.length > 0,
  );
  const s3 = (targets?.S3Targets ?? []).map((t) => ({
    Path: t.Path,
    Exclusions: t.Exclusions ?? [],
  }));
  return { s3, others: others.map(([kind]) => kind) };
}

function policy(crawler: Pick<Crawler, 'SchemaChangePolicy'>) {
  return [crawler.SchemaChangePolicy?.UpdateBehavior, crawler.SchemaChangePolicy?.DeleteBehavior];
}

/** Compared as JSON documents: `1.0` and `1` are the same version. */
function parsed(configuration: string | undefined): unknown {
  try {
    return configuration ? JSON.parse(configuration) : undefined;
  } catch {
    return configuration;
  }
}

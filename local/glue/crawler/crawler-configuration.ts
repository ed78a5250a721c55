/**
 * The members of a crawler's Configuration JSON that change what a crawl does
 * ("Setting crawler configuration options",
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-configuration.html). CreateCrawler and
 * UpdateCrawler have already refused a document that is not valid (crawler-definitions.ts).
 */
export interface CrawlerOptions {
  /** CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable */
  partitionsInheritFromTable: boolean;
  /** CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns */
  mergeNewColumns: boolean;
  /** Grouping.TableGroupingPolicy = CombineCompatibleSchemas */
  combineCompatibleSchemas: boolean;
  /** CrawlerOutput.Tables.TableThreshold: the most tables a crawl may make; absent: no limit. */
  tableThreshold?: number;
}

interface ConfigurationDocument {
  Grouping?: { TableGroupingPolicy?: unknown };
  CrawlerOutput?: {
    Partitions?: { AddOrUpdateBehavior?: unknown };
    Tables?: { AddOrUpdateBehavior?: unknown; TableThreshold?: unknown };
  };
}

export function crawlerOptions(configuration: string | undefined): CrawlerOptions {
  let parsed: ConfigurationDocument = {};
  try {
    parsed = (configuration ? JSON.parse(configuration) : {}) ?? {};
  } catch {
    parsed = {};
  }
  const output = parsed.CrawlerOutput;
  const threshold = output?.Tables?.TableThreshold;
  return {
    partitionsInheritFromTable: output?.Partitions?.AddOrUpdateBehavior === 'InheritFromTable',
    mergeNewColumns: output?.Tables?.AddOrUpdateBehavior === 'MergeNewColumns',
    combineCompatibleSchemas: parsed.Grouping?.TableGroupingPolicy === 'CombineCompatibleSchemas',
    ...(typeof threshold === 'number' ? { tableThreshold: threshold } : {}),
  };
}

/**
 * Why a Configuration's grouping or threshold members are not valid, or undefined. AWS documents
 * TableThreshold as "an integer value greater than 0" and CombineCompatibleSchemas as the
 * grouping policy (crawler-maximum-number-of-tables.html, crawler-grouping-policy.html).
 */
export function configurationProblem(document: ConfigurationDocument): string | undefined {
  const policy = document.Grouping?.TableGroupingPolicy;
  if (policy !== undefined && policy !== 'CombineCompatibleSchemas') {
    return 'Grouping.TableGroupingPolicy must be "CombineCompatibleSchemas"';
  }
  const threshold = document.CrawlerOutput?.Tables?.TableThreshold;
  if (
    threshold !== undefined &&
    (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1)
  ) {
    return 'CrawlerOutput.Tables.TableThreshold must be an integer greater than 0';
  }
  return undefined;
}

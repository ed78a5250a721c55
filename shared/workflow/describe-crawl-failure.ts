import type { Config } from '../config/config-schema.js';
import type { ObjectStore } from '../filing/object-store.js';
import { tablePaths } from '../filing/table-paths.js';
import { crawlFailureCause, groupByHeader } from './header-groups.js';
import { readPrefixHeaders } from './prefix-headers.js';

/** What DescribeCrawlFailure answers: the Fail state's cause, and counts for the history. */
export interface CrawlFailureDescription {
  cause: string;
  /** Files under the prefix. */
  files: number;
  /** Distinct headers among the files read. */
  headers: number;
  /** Files whose head is not CSV. */
  unreadable: number;
}

/**
 * Why a crawl of the table's prefix failed, in words: reads every file's header under
 * `<table>/` and says which disagree. On AWS a TableThreshold failure's message is only Glue's
 * sentence ("The number of tables detected by crawler: 2 is greater than the table threshold
 * value provided: 1. …"); the table locations go to the crawler's CloudWatch log
 * (https://docs.aws.amazon.com/glue/latest/dg/crawler-maximum-number-of-tables.html).
 */
export async function describeCrawlFailure(
  request: { table: string; crawler: string; errorMessage: string },
  deps: { store: ObjectStore; config: Config },
): Promise<CrawlFailureDescription> {
  const prefix = tablePaths.prefix(request.table);
  const { files, total } = await readPrefixHeaders(deps.store, prefix, request.table, deps.config);
  const cause = crawlFailureCause({
    ...request,
    location: `s3://${deps.store.bucket}/${prefix}`,
    files,
    total,
  });
  return {
    cause,
    files: total,
    headers: groupByHeader(files).length,
    unreadable: files.filter((file) => 'unreadable' in file).length,
  };
}

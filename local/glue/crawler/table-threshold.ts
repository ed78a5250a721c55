import { CrawlFailure } from './crawl-errors.js';
import type { DraftFile, TableDraft } from './crawl-plan.js';

/** Header names shown per file: enough to see where two headers part. */
const SHOWN_COLUMNS = 12;

const DELIMITER_NAMES = new Map([
  [',', 'comma'],
  ['\t', 'tab'],
  [';', 'semicolon'],
  ['|', 'pipe'],
  ['\u0001', 'Ctrl-A'],
]);

/**
 * The failure of a crawl that would make more than `threshold` tables: nothing is written. The
 * message is AWS's own wording and nothing more ("Specifying the maximum number of tables the
 * crawler is allowed to create", https://docs.aws.amazon.com/glue/latest/dg/crawler-maximum-number-of-tables.html:
 * "The number of tables detected by crawler: 29 is greater than the table threshold value
 * provided: 28. Failing crawler without writing to Data Catalog."): AWS logs the detected table
 * locations to the crawler's CloudWatch log, not to LastCrawl, so the local crawler does the
 * same (thresholdLogLines) and the workflow names the files itself (DescribeCrawlFailure).
 */
export function tableThresholdFailure(
  drafts: readonly TableDraft[],
  threshold: number,
): CrawlFailure {
  return new CrawlFailure(
    `The number of tables detected by crawler: ${drafts.length} is greater than the table threshold value provided: ${threshold}. Failing crawler without writing to Data Catalog.`,
  );
}

/** The crawler log's lines for a threshold breach: each table detected, its files and headers. */
export function thresholdLogLines(drafts: readonly TableDraft[]): string[] {
  return drafts.map(
    (draft) =>
      `Table location detected: ${draft.layout.location} (table ${draft.layout.tableName}, from ${draft.files.map(describeFile).join(', ')})`,
  );
}

function describeFile(file: DraftFile): string {
  const shown = file.columns.slice(0, SHOWN_COLUMNS).join(', ');
  const more = file.columns.length > SHOWN_COLUMNS ? ', …' : '';
  const delimiter =
    DELIMITER_NAMES.get(file.delimiter) ?? `U+${(file.delimiter.codePointAt(0) ?? 0).toString(16)}`;
  return `${file.location} (${delimiter}-delimited, ${file.columns.length} columns: ${shown}${more})`;
}

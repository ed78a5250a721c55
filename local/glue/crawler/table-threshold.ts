import { CrawlFailure } from './crawl-errors.js';
import type { DraftFile, TableDraft } from './crawl-plan.js';

/** LastCrawlInfo.ErrorMessage is at most 2,048 characters (https://docs.aws.amazon.com/glue/latest/webapi/API_LastCrawlInfo.html). */
const MAX_ERROR_MESSAGE = 2048;
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
 * first two sentences are AWS's own wording ("Specifying the maximum number of tables the crawler
 * is allowed to create", https://docs.aws.amazon.com/glue/latest/dg/crawler-maximum-number-of-tables.html:
 * "The number of tables detected by crawler: 29 is greater than the table threshold value
 * provided: 28. Failing crawler without writing to Data Catalog."). AWS logs the detected table
 * locations to the crawler's CloudWatch log; the local crawler appends them to the message, with
 * each table's files and their headers, so that the cause says which files disagree.
 */
export function tableThresholdFailure(
  drafts: readonly TableDraft[],
  threshold: number,
): CrawlFailure {
  const head = `The number of tables detected by crawler: ${drafts.length} is greater than the table threshold value provided: ${threshold}. Failing crawler without writing to Data Catalog.`;
  const includePaths = [...new Set(drafts.map((draft) => draft.includePath))];
  const tables = drafts.map(
    (draft) =>
      `${draft.layout.tableName} at ${draft.layout.location} from ${draft.files.map(describeFile).join(', ')}`,
  );
  const detail = ` Tables detected under ${includePaths.join(', ')} (files whose schemas do not combine into one table): ${tables.join('; ')}.`;
  const message = `${head}${detail}`;
  return new CrawlFailure(
    message.length <= MAX_ERROR_MESSAGE ? message : `${message.slice(0, MAX_ERROR_MESSAGE - 1)}…`,
  );
}

function describeFile(file: DraftFile): string {
  const shown = file.columns.slice(0, SHOWN_COLUMNS).join(', ');
  const more = file.columns.length > SHOWN_COLUMNS ? ', …' : '';
  const delimiter =
    DELIMITER_NAMES.get(file.delimiter) ?? `U+${(file.delimiter.codePointAt(0) ?? 0).toString(16)}`;
  return `${file.location} (${delimiter}-delimited, ${file.columns.length} columns: ${shown}${more})`;
}

/** One file under a table's prefix, as its head reads: a header, or why it cannot be read. */
export type PrefixFile =
  | { name: string; header: FileHeaderShape }
  | { name: string; unreadable: string };

/** What makes two files one table for csv-catalog: the same columns in the same order, read alike. */
export interface FileHeaderShape {
  columns: string[];
  delimiter: string;
  quote: string;
}

/** Files of one header, in listing order. */
export interface HeaderGroup {
  header: FileHeaderShape;
  files: string[];
}

/** What a failed crawl's cause is built from. */
export interface CrawlFailureFacts {
  /** s3://bucket/table/ */
  location: string;
  table: string;
  crawler: string;
  /** The crawler's LastCrawl.ErrorMessage, as Glue wrote it. */
  errorMessage: string;
  /** The files read, in listing order (names relative to the prefix). */
  files: PrefixFile[];
  /** How many files the prefix holds; more than `files.length` when the reading was bounded. */
  total: number;
}

/** Files named in a cause, over every group: a cause stays readable in the console. */
export const MAX_NAMED_FILES = 20;
/** Headers (groups) described in a cause. */
export const MAX_NAMED_HEADERS = 8;
/** Columns shown per header: enough to see where two headers part. */
export const MAX_SHOWN_COLUMNS = 8;
/**
 * A Fail state's cause is at most 32,768 characters
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ExecutionFailedEventDetails.html).
 */
export const MAX_CAUSE_LENGTH = 32_768;

/** Groups the readable files by header; the largest group first, then by first file. */
export function groupByHeader(files: readonly PrefixFile[]): HeaderGroup[] {
  const groups = new Map<string, HeaderGroup>();
  for (const file of files) {
    if (!('header' in file)) continue;
    const { columns, delimiter, quote } = file.header;
    const key = JSON.stringify([delimiter, quote, columns]);
    const group = groups.get(key);
    if (group) group.files.push(file.name);
    else groups.set(key, { header: file.header, files: [file.name] });
  }
  // Stable sort: groups of equal size keep the order of their first file.
  return [...groups.values()].sort((a, b) => b.files.length - a.files.length);
}

/**
 * The cause of a crawl that failed: Glue's message, then which files under the prefix disagree
 * and their headers (on AWS a threshold failure's message names no file: the table locations
 * go to the crawler's CloudWatch log), then what to do. Bounded: at most MAX_NAMED_FILES files
 * and MAX_NAMED_HEADERS headers of MAX_SHOWN_COLUMNS columns are named.
 */
export function crawlFailureCause(facts: CrawlFailureFacts): string {
  const cause = describeFailure(facts);
  return cause.length <= MAX_CAUSE_LENGTH ? cause : `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…`;
}

function describeFailure(facts: CrawlFailureFacts): string {
  const failed = `${facts.crawler} failed crawling ${facts.location}: ${withoutFinalStop(facts.errorMessage)}.`;
  const sync = `npx csv-catalog sync --table ${facts.table}`;
  const groups = groupByHeader(facts.files);
  const unreadable = facts.files.filter((file) => 'unreadable' in file);
  const unread = facts.total - facts.files.length;
  const readNote =
    unread > 0 ? ` (the first ${facts.files.length} of ${facts.total} files read)` : '';
  if (facts.files.length === 0) {
    return `${failed} There are no files under ${facts.location} now: drop the table's file again, or run \`${sync}\` once one is in place.`;
  }
  const [only] = groups;
  if (only && groups.length === 1 && unreadable.length === 0) {
    const all = facts.files.length === 1 ? 'The one file' : `All ${facts.files.length} files`;
    return `${failed} ${all} under ${facts.location}${readNote} share one header ${describeHeader(only.header)}: the crawl failed for another reason (see the crawler's log under /aws-glue/crawlers). Once it is dealt with, run \`${sync}\` (a redrive would fail again at this state)`;
  }
  const budget = { files: MAX_NAMED_FILES };
  const parts = groups.slice(0, MAX_NAMED_HEADERS).map((group) => {
    const names = nameFiles(group.files, budget);
    const verb = group.files.length === 1 ? 'has' : 'have';
    return `${names} ${verb} ${describeHeader(group.header)}`;
  });
  const hidden = groups.slice(MAX_NAMED_HEADERS);
  if (hidden.length > 0) {
    const count = hidden.reduce((sum, group) => sum + group.files.length, 0);
    parts.push(`${hidden.length} more headers in ${count} more ${count === 1 ? 'file' : 'files'}`);
  }
  if (unreadable.length > 0) {
    const names = nameFiles(
      unreadable.map((file) => file.name),
      budget,
    );
    const [first] = unreadable;
    const why = first && 'unreadable' in first ? ` (${first.name}: ${first.unreadable})` : '';
    parts.push(`${names} cannot be read as CSV${why}`);
  }
  return `${failed} The files under ${facts.location}${readNote} do not share one header: ${parts.join('; ')}. Keep one header per table (snapshots: replace keeps one file), fix or move the odd files, then run \`${sync}\` (a redrive would fail again at this state)`;
}

/** `a.csv, b.csv and c.csv`, or `a.csv, b.csv and 3 more` past the budget (at least one named). */
function nameFiles(files: readonly string[], budget: { files: number }): string {
  const shown = files.slice(0, Math.max(1, budget.files));
  budget.files -= shown.length;
  const more = files.length - shown.length;
  const items = more > 0 ? [...shown, `${more} more`] : shown;
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const DELIMITER_NAMES = new Map([
  [',', 'comma'],
  ['\t', 'tab'],
  [';', 'semicolon'],
  ['|', 'pipe'],
]);

/** `(id, name, addr)`; past MAX_SHOWN_COLUMNS `(a, …, h, … 42 columns)`; a dialect other than `,` `"` said. */
export function describeHeader(header: FileHeaderShape): string {
  const { columns } = header;
  const shown = columns.slice(0, MAX_SHOWN_COLUMNS).join(', ');
  const more = columns.length > MAX_SHOWN_COLUMNS ? `, … ${columns.length} columns` : '';
  const dialect: string[] = [];
  if (header.delimiter !== ',') {
    const name =
      DELIMITER_NAMES.get(header.delimiter) ??
      `U+${(header.delimiter.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    dialect.push(`${name}-delimited`);
  }
  if (header.quote !== '"') dialect.push(`quoted with ${header.quote}`);
  return `(${shown}${more})${dialect.length > 0 ? ` ${dialect.join(', ')}` : ''}`;
}

/** Glue's message ends with a full stop; the cause adds its own. */
function withoutFinalStop(message: string): string {
  return message.trim().replace(/\.+$/, '');
}

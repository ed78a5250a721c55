import {
  type FieldCountLines,
  type RecordScan,
  raggedCounts,
  scanRecords,
} from '../csv/record-scanner.js';
import { Utf8Validator } from '../csv/utf8-validator.js';
import type { ObjectStore } from '../filing/object-store.js';

/** The filed file a CoerceSchema run reads, and how to read it. */
export interface FiledFile {
  bucket: string;
  key: string;
  table: string;
  delimiter: string;
  quote: string;
}

/** One pass over the filed file: its records, and where it stops being UTF-8. */
export interface FiledFileScan extends RecordScan {
  /**
   * Offset of the first byte that is not UTF-8. Filing copies a file whose head and tail are
   * UTF-8 as it is, without reading the middle: this pass is the first to read every byte.
   */
  notUtf8At?: number;
}

/**
 * Scans the whole filed (UTF-8) object once, streamed in bounded memory. Undefined when the
 * object is gone (archived by a newer filing meanwhile): the caller checks the snapshot again.
 */
export async function scanFiledFile(
  store: ObjectStore,
  file: FiledFile,
): Promise<FiledFileScan | undefined> {
  if (!(await store.head(file.key))) return undefined;
  try {
    const body = await store.readStream(file.key);
    const utf8: { notUtf8At?: number } = {};
    const scan = await scanRecords(notingNonUtf8(body, utf8), {
      delimiter: file.delimiter,
      quote: file.quote,
    });
    return utf8.notUtf8At === undefined ? scan : { ...scan, notUtf8At: utf8.notUtf8At };
  } catch (error) {
    if (!(await store.head(file.key))) return undefined;
    throw error;
  }
}

/** Passes the chunks on unchanged, noting the offset of the first byte that is not UTF-8. */
async function* notingNonUtf8(
  body: AsyncIterable<Uint8Array>,
  found: { notUtf8At?: number },
): AsyncGenerator<Uint8Array> {
  const validator = new Utf8Validator();
  for await (const chunk of body) {
    if (found.notUtf8At === undefined) found.notUtf8At = validator.write(chunk)?.invalidAt;
    yield chunk;
  }
  if (found.notUtf8At === undefined) found.notUtf8At = validator.end()?.invalidAt;
}

/**
 * One sentence per thing Athena will read differently from the file: records split at a line
 * break inside quotes (OpenCSVSerDe does not support embedded line breaks), ragged records,
 * bytes that are not UTF-8.
 */
export function fileWarnings(file: FiledFile, scan: FiledFileScan): string[] {
  const warnings: string[] = [];
  const uri = s3Uri(file);
  if (scan.notUtf8At !== undefined) {
    warnings.push(
      `${uri}: the bytes at offset ${scan.notUtf8At} are not UTF-8 (the file's start and end are, so it was filed as it is); Athena reads them as U+FFFD and MySQL refuses such rows: export the file again in one encoding and drop it again`,
    );
  }
  if (scan.firstQuotedLineBreak !== undefined) {
    warnings.push(
      `${uri}: line ${scan.firstQuotedLineBreak} holds a line break inside a quoted field; Athena (OpenCSVSerDe) reads such records split in two`,
    );
  }
  const ragged = raggedSentence(scan);
  if (ragged) {
    warnings.push(`${uri}: ${ragged}; Athena reads missing fields as NULL and drops extra ones`);
  }
  if (scan.unclosedQuoteLine !== undefined) {
    warnings.push(
      `${uri}: the quoted field opened on line ${scan.unclosedQuoteLine} is never closed; Athena reads the rest of that line as it stands`,
    );
  }
  return warnings;
}

/** Why the crawler wrote no table for the file, as one sentence naming it and what to do. */
export function missingTableReason(file: FiledFile, scan: RecordScan): string {
  const uri = s3Uri(file);
  const next = `fix the file, then csv-catalog sync --table ${shellWord(file.table)}`;
  const ragged = raggedSentence(scan);
  if (ragged) return `${uri}: ${ragged}; ${next}`;
  if (scan.unclosedQuoteLine !== undefined) {
    return `${uri}: the quoted field opened on line ${scan.unclosedQuoteLine} is never closed; ${next}`;
  }
  if (scan.headerFields < 2) {
    return `${uri}: the header has ${fields(scan.headerFields)}, and Glue's CSV classifier needs at least 2; ${next}`;
  }
  if (scan.records === 0) {
    return `${uri}: the file has a header but no data lines, and Glue's CSV classifier needs at least one; ${next}`;
  }
  return `the crawler wrote no table for ${uri} (its ${fields(scan.headerFields)} and ${scan.records} data lines look regular); see the crawler's log, then csv-catalog sync --table ${shellWord(file.table)}`;
}

/** `the header has 5 fields but lines 3, 7 and 12 have 4 and line 9 has 6`, or undefined. */
export function raggedSentence(scan: RecordScan): string | undefined {
  const ragged = raggedCounts(scan);
  if (ragged.length === 0) return undefined;
  const groups = [...ragged]
    .sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0))
    .map(describeGroup);
  return `the header has ${fields(scan.headerFields)} but ${joinAnd(groups)}`;
}

function describeGroup(count: FieldCountLines): string {
  const more = count.records - count.lines.length;
  const lines = count.lines.map(String);
  const listed = more > 0 ? `${lines.join(', ')} and ${more} more` : joinAnd(lines);
  const verb = count.records === 1 ? 'line' : 'lines';
  const has = count.records === 1 ? 'has' : 'have';
  return `${verb} ${listed} ${has} ${count.fields}`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function fields(n: number): string {
  return n === 1 ? '1 field' : `${n} fields`;
}

function s3Uri(file: FiledFile): string {
  return `s3://${file.bucket}/${file.key}`;
}

/** A table name as a shell word: bare when it is only letters, digits and _. */
function shellWord(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

import type { GlueCsvClassifier } from '../catalog-model.js';
import {
  BUILT_IN_DELIMITERS,
  type CsvDialect,
  columnConsistency,
  hasQuotedFields,
  headLines,
  type ParsedSample,
  parseRecords,
  parseSample,
} from './csv-records.js';
import { type GlueValueType, valueType, widen } from './value-types.js';

/** What classifying one file found. */
export interface FileSchema {
  dialect: CsvDialect;
  quoted: boolean;
  headerTaken: boolean;
  columns: { name: string; type: GlueValueType }[];
  serde: 'OpenCSVSerDe' | 'LazySimpleSerDe';
  /** Name of the custom classifier that recognised the file, if one did. */
  classifier?: string;
  /** Data records in the sample (the header row not counted). */
  sampleRecords: number;
  /**
   * Bytes of text the sample's records span, when the 1,000-record limit ended the sample
   * before the end of what was read; absent when every record read was used.
   */
  sampleBytes?: number;
}

/** A header cell must be shorter than this (built-in CSV classifier rules). */
const MAX_HEADER_CELL = 150;
/** Rows whose width differs from the first row's are tolerated up to this share. */
const MIN_CONSISTENCY = 0.9;

/**
 * Classifies a CSV sample the way Glue does: the crawler's custom CSV classifiers first, in
 * order, then the built-in CSV classifier. Undefined when nothing recognises it as CSV (fewer
 * than two columns, or fewer than two rows for the built-in one). Throws when it cannot be parsed.
 */
export function classifyCsv(
  text: string,
  truncated: boolean,
  customClassifiers: readonly GlueCsvClassifier[],
): FileSchema | undefined {
  for (const custom of customClassifiers) {
    const schema = classifyWithCustom(text, truncated, custom);
    if (schema) return schema;
  }
  return classifyBuiltIn(text, truncated);
}

function classifyWithCustom(
  text: string,
  truncated: boolean,
  custom: GlueCsvClassifier,
): FileSchema | undefined {
  const dialect = { delimiter: custom.Delimiter ?? ',', quote: custom.QuoteSymbol ?? '"' };
  const sample = parseSample(text, truncated, dialect);
  const { records } = sample;
  const { width, share } = columnConsistency(records);
  if (records.length === 0 || share < MIN_CONSISTENCY) return undefined;
  if (width < 2 && !custom.AllowSingleColumn) return undefined;
  const trim = custom.DisableValueTrimming !== true;
  const cells = trim ? trimAll(records) : records;
  const headerTaken =
    custom.ContainsHeader === 'PRESENT'
      ? true
      : custom.ContainsHeader === 'ABSENT'
        ? false
        : looksLikeHeader(cells);
  const quoted = hasQuotedFields(sample.text, dialect);
  const serde =
    custom.Serde === 'OpenCSVSerDe' || custom.Serde === 'LazySimpleSerDe'
      ? custom.Serde
      : defaultSerde(quoted);
  return describe(
    cells,
    sample,
    dialect,
    { headerTaken, quoted, serde, names: custom.Header },
    custom.Name,
  );
}

function classifyBuiltIn(text: string, truncated: boolean): FileSchema | undefined {
  const dialect = detectDialect(text, truncated);
  if (!dialect) return undefined;
  const sample = parseSample(text, truncated, dialect);
  const cells = trimAll(sample.records);
  if (cells.length < 2) return undefined;
  const quoted = hasQuotedFields(sample.text, dialect);
  return describe(cells, sample, dialect, {
    headerTaken: looksLikeHeader(cells),
    quoted,
    serde: defaultSerde(quoted),
  });
}

/**
 * The delimiter that splits the first lines into the most regular rows of two or more columns.
 * When none does and some delimiter could not even parse the text, that parse error is the answer.
 */
function detectDialect(text: string, truncated: boolean): CsvDialect | undefined {
  const head = headLines(text, truncated);
  let best: { dialect: CsvDialect; width: number; share: number } | undefined;
  let firstError: unknown;
  for (const delimiter of BUILT_IN_DELIMITERS) {
    const dialect = { delimiter, quote: '"' };
    let records: string[][];
    try {
      records = parseRecords(head.text, head.truncated, dialect);
    } catch (error) {
      firstError ??= error;
      continue;
    }
    const { width, share } = columnConsistency(records);
    if (width < 2 || share < MIN_CONSISTENCY) continue;
    if (!best || share > best.share || (share === best.share && width > best.width)) {
      best = { dialect, width, share };
    }
  }
  if (!best && firstError) throw firstError;
  return best?.dialect;
}

/**
 * The built-in rule: the first row is a header only when every cell of it is a STRING shorter
 * than 150 characters (the last may be empty) and some column below it is not STRING.
 */
function looksLikeHeader(cells: string[][]): boolean {
  const [header, ...rows] = cells;
  if (!header || rows.length === 0) return false;
  const lastIndex = header.length - 1;
  const headerIsText = header.every((cell, index) => {
    if (cell === '') return index === lastIndex && index > 0;
    return cell.length < MAX_HEADER_CELL && valueType(cell) === 'string';
  });
  if (!headerIsText) return false;
  return columnTypes(rows, header.length).some((type) => type !== 'string');
}

function describe(
  cells: string[][],
  sample: ParsedSample,
  dialect: CsvDialect,
  choice: {
    headerTaken: boolean;
    quoted: boolean;
    serde: FileSchema['serde'];
    names?: string[] | undefined;
  },
  classifier?: string,
): FileSchema {
  const rows = choice.headerTaken ? cells.slice(1) : cells;
  const width = cells.reduce(
    (widest, record) => Math.max(widest, record.length),
    choice.names?.length ?? 0,
  );
  const headerNames = choice.names ?? (choice.headerTaken ? (cells[0] ?? []) : []);
  const names = columnNames(headerNames, width);
  const types = columnTypes(rows, width);
  return {
    dialect,
    quoted: choice.quoted,
    headerTaken: choice.headerTaken,
    columns: names.map((name, index) => ({ name, type: types[index] ?? 'string' })),
    serde: choice.serde,
    ...(classifier === undefined ? {} : { classifier }),
    sampleRecords: rows.length,
    ...(sample.cutAtRecordLimit ? { sampleBytes: sample.bytes } : {}),
  };
}

/** Header names as the catalog keeps them: lower-cased, unique, colN where a cell is empty. */
function columnNames(header: readonly string[], width: number): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (let index = 0; index < width; index += 1) {
    const base = (header[index] ?? '').trim().toLowerCase() || `col${index}`;
    let name = base;
    for (let suffix = 1; seen.has(name); suffix += 1) name = `${base}_${suffix}`;
    seen.add(name);
    names.push(name);
  }
  return names;
}

function columnTypes(rows: readonly string[][], width: number): GlueValueType[] {
  const types: (GlueValueType | undefined)[] = new Array(width).fill(undefined);
  for (const row of rows) {
    for (let index = 0; index < width; index += 1) {
      types[index] = widen(types[index], valueType(row[index] ?? ''));
    }
  }
  return types.map((type) => type ?? 'string');
}

function trimAll(records: string[][]): string[][] {
  return records.map((record) => record.map((cell) => cell.trim()));
}

/** The built-in classifier writes LazySimpleSerDe, and OpenCSVSerDe once values are quoted. */
function defaultSerde(quoted: boolean): FileSchema['serde'] {
  return quoted ? 'OpenCSVSerDe' : 'LazySimpleSerDe';
}

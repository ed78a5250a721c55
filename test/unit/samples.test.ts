import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSamples } from '../../scripts/make-samples.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const FILE_NAME = /^([A-Z][A-Z0-9_]*)_(\d{12})\.csv$/;
const MAX_TOTAL_BYTES = 2 * 1024 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

async function sample(name: string): Promise<Buffer> {
  return readFile(join(SAMPLES, name));
}

async function csvNames(): Promise<string[]> {
  return (await readdir(SAMPLES)).filter((name) => name.endsWith('.csv')).sort();
}

/** The text of a sample, decoded the way its README line says it is encoded. */
function decode(name: string, bytes: Buffer): string {
  if (name.startsWith('MEMBER_')) return iconv.decode(bytes, 'cp949');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function records(name: string, bytes: Buffer): string[][] {
  return parse(decode(name, bytes), { bom: true, relax_column_count: false }) as string[][];
}

describe('samples/', () => {
  let fresh: string;

  beforeAll(async () => {
    fresh = await mkdtemp(join(tmpdir(), 'csv-catalog-samples-'));
    await writeSamples(fresh);
  });

  afterAll(async () => {
    await rm(fresh, { recursive: true, force: true });
  });

  it('is exactly what scripts/make-samples.ts writes (regenerate, never edit by hand)', async () => {
    // Prepare
    const committed = (await readdir(SAMPLES)).sort();
    const regenerated = (await readdir(fresh)).sort();

    // Act
    const differing: string[] = [];
    for (const name of regenerated) {
      const [a, b] = await Promise.all([readFile(join(fresh, name)), sample(name)]);
      if (!a.equals(b)) differing.push(name);
    }

    // Assess
    expect(committed).toEqual(regenerated);
    expect(differing, 'run `npm run samples` and commit samples/').toEqual([]);
  });

  it('stays under 2 MB in total', async () => {
    // Act
    let total = 0;
    for (const name of await readdir(SAMPLES)) total += (await sample(name)).length;

    // Assess
    expect(total).toBeLessThan(MAX_TOTAL_BYTES);
  });

  it('names files TABLE_NAME_YYYYMMDDHHMM.csv and covers at least 10 tables', async () => {
    // Act
    const names = await csvNames();
    const tables = new Set(names.map((name) => FILE_NAME.exec(name)?.[1]));

    // Assess
    for (const name of names) expect(name).toMatch(FILE_NAME);
    expect(tables.size).toBeGreaterThanOrEqual(10);
    expect(tables).toContain('PSY_ORD_CLASS');
    expect(tables).toContain('PSY_TARGET_DETAIL');
  });

  it('parses every file as RFC 4180 with rows as wide as the header, 20 to 200 rows each', async () => {
    for (const name of await csvNames()) {
      // Act
      const [header, ...rows] = records(name, await sample(name));

      // Assess
      expect(header, name).toBeDefined();
      expect(rows.length, name).toBeGreaterThanOrEqual(20);
      expect(rows.length, name).toBeLessThanOrEqual(200);
      const ragged = rows.filter((row) => row.length !== header!.length);
      expect(ragged, name).toEqual([]);
    }
  });

  it('has a wide AT_BASIC_INQUIRY_VAL of at least 120 columns with the known leading columns', async () => {
    // Act
    const [header] = records(
      'AT_BASIC_INQUIRY_VAL_202508291510.csv',
      await sample('AT_BASIC_INQUIRY_VAL_202508291510.csv'),
    );

    // Assess
    expect(header!.length).toBeGreaterThanOrEqual(120);
    expect(header!.slice(0, 16)).toEqual([
      'user_testing_no',
      'psy_item_id',
      'psy_item_ver',
      'sub_psy_item_id',
      'age_ext_sub_psy_item_id',
      'kabc_sub_psy_item_id',
      'testing_org',
      'birthday',
      'sex',
      'at_region_cd',
      'testing_date',
      'name',
      'at_age_cd',
      'at_extension_age_cd',
      'at_school_type_cd',
      'at_school_age_cd',
    ]);
  });

  it('writes MEMBER in CP949: not valid UTF-8, Korean names, an ASCII header', async () => {
    // Prepare
    const bytes = await sample('MEMBER_202508291511.csv');

    // Act
    const text = iconv.decode(bytes, 'cp949');
    const [header, ...rows] = records('MEMBER_202508291511.csv', bytes);
    const names = rows.map((row) => row[header!.indexOf('name')]);

    // Assess
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.encode(text, 'cp949').equals(bytes)).toBe(true);
    expect(header!.join(',')).toMatch(/^[\x20-\x7e]+$/);
    for (const name of names) expect(name).toMatch(/^[가-힣]{2,4}$/);
  });

  it('starts SCHOOL_INFO with a UTF-8 byte-order mark, and only SCHOOL_INFO', async () => {
    for (const name of await csvNames()) {
      // Act
      const head = [...(await sample(name)).subarray(0, 3)];

      // Assess
      if (name.startsWith('SCHOOL_INFO_')) expect(head, name).toEqual(BOM);
      else expect(head, name).not.toEqual(BOM);
    }
  });

  it('gives SCHOOL_TEACHER the renamed header over values that are all text to Glue', async () => {
    // Act
    const [header, ...rows] = records(
      'SCHOOL_TEACHER_202508291512.csv',
      await sample('SCHOOL_TEACHER_202508291512.csv'),
    );

    // Assess
    expect(header).toEqual(TEACHER_COLUMNS);
    for (const value of rows.flat()) {
      expect(value).not.toMatch(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/);
      expect(value.toLowerCase()).not.toMatch(/^(true|false)$/);
      expect(value).not.toMatch(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/);
    }
  });

  it('quotes AT_QUESTION fields that hold line breaks, commas and quotes', async () => {
    // Act
    const [header, ...rows] = records(
      'AT_QUESTION_202508291510.csv',
      await sample('AT_QUESTION_202508291510.csv'),
    );
    const texts = rows.map((row) => row[header!.indexOf('question_text')]!);

    // Assess
    expect(texts.every((text) => text.includes('\n'))).toBe(true);
    expect(texts.some((text) => text.includes('\r\n'))).toBe(true);
    expect(texts.some((text) => text.includes(',') && text.includes('"'))).toBe(true);
  });

  it('has a newer SCHOOL_CLASS snapshot whose header adds one column at the end', async () => {
    // Act
    const [older] = records(
      'SCHOOL_CLASS_202508291511.csv',
      await sample('SCHOOL_CLASS_202508291511.csv'),
    );
    const [newer] = records(
      'SCHOOL_CLASS_202508301000.csv',
      await sample('SCHOOL_CLASS_202508301000.csv'),
    );

    // Assess
    expect(newer).toHaveLength(older!.length + 1);
    expect(newer!.slice(0, older!.length)).toEqual(older);
  });

  it('ends records with CRLF in the Windows exports and LF elsewhere', async () => {
    const crlf = ['AT_SCALE_CODE_202508291510.csv', 'SCHOOL_STUDENT_202508291512.csv'];
    for (const name of await csvNames()) {
      // Act
      const text = decode(name, await sample(name));
      const firstLineEnd = text.indexOf('\n');

      // Assess
      expect(text[firstLineEnd - 1] === '\r', name).toBe(crlf.includes(name));
    }
  });
});

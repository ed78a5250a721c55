import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../../bench/load-generate.js';
import { scanRecords } from '../../../shared/csv/record-scanner.js';

describe('bench:load file generator', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-generate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes for the same seed: Korean headers and values, quoted line breaks, doubled quotes, empty fields, every value within VARCHAR(255)', async () => {
    // Prepare
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');

    // Act
    const generated = await generateCsv(first, 3000, 12, 7);
    await generateCsv(second, 3000, 12, 7);

    // Assess
    const bytes = await readFile(first);
    expect(bytes.equals(await readFile(second))).toBe(true);
    expect(generated).toMatchObject({ rows: 3000, columns: 12, bytes: bytes.length });
    const scan = await scanRecords(createReadStream(first), { delimiter: ',', quote: '"' });
    expect(scan).toMatchObject({ headerFields: 12, records: 3000 });
    expect(scan.quotedLineBreakRecords).toBeGreaterThan(0);
    const records = parse(bytes, { relax_quotes: false }) as string[][];
    const [header, ...rows] = records;
    expect(header).toContain('학교_1');
    const values = rows.flat();
    expect(values.some((v) => v.includes('\n'))).toBe(true);
    expect(values.some((v) => v.includes('"'))).toBe(true);
    expect(values.some((v) => /[가-힣]/.test(v))).toBe(true);
    expect(values).toContain('');
    expect(Math.max(...values.map((v) => [...v].length))).toBeLessThanOrEqual(255);
  });
});

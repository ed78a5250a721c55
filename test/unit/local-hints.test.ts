import { describe, expect, it } from 'vitest';
import { filingLine } from '../../cli/execution-event-printer.js';
import { waitingLine } from '../../cli/waiting-at-root.js';
import { withLocalCommands } from '../../local/stack/local-hints.js';
import { shellArg } from '../../local/stack/shell-arg.js';
import { dropRecordOf } from '../../local/workflow/folder-drop-store.js';

describe('printed hints are commands to paste as they are', () => {
  it('quotes only arguments that need it', () => {
    // Act & Assess
    expect(shellArg('.csv-catalog')).toBe('.csv-catalog');
    expect(shellArg('학교목록')).toBe('학교목록');
    expect(shellArg('my stacks/it’s here')).toBe(`'my stacks/it’s here'`);
    expect(shellArg("a'b")).toBe(`'a'\\''b'`);
  });

  it('turns the workflow’s `csv-catalog sync` into the local command with --dir', () => {
    // Prepare
    const cause =
      'crawler_학교 failed: bad. Fix it, then run `csv-catalog sync --table 학교` (a redrive would fail again)';

    // Act
    const local = withLocalCommands(cause, 'my stack');

    // Assess
    expect(local).toContain("`npx csv-catalog sync --table 학교 --dir 'my stack'`");
  });

  it('adds --dir to a cause’s `npx csv-catalog sync` too, and only once', () => {
    // Prepare: CrawlerFailed's cause from header-groups.ts writes the command with npx
    const cause =
      'The files under s3://b/학생명부/ do not share one header: …, fix or move the odd files, then run `npx csv-catalog sync --table 학생명부` (a redrive would fail again at this state)';

    // Act
    const local = withLocalCommands(cause, '/tmp/stack');
    const again = withLocalCommands(local, '/tmp/stack');

    // Assess
    expect(local).toContain('then run `npx csv-catalog sync --table 학생명부 --dir /tmp/stack` (a');
    expect(again).toBe(local);
  });

  it('says how many files wait at the root and what backfill would do', () => {
    // Act
    const none = waitingLine({ files: 0, tables: 0, nameless: 0, notCsv: 0 }, 'x');
    const some = waitingLine(
      { files: 4, tables: 2, nameless: 1, notCsv: 1 },
      'npx csv-catalog backfill --dir .csv-catalog',
    );

    // Assess
    expect(none).toBeUndefined();
    expect(some).toBe(
      '4 files wait at the bucket root (2 tables, 1 name giving no table, 1 not CSV or empty): npx csv-catalog backfill --dir .csv-catalog would file 2 of them',
    );
  });
});

describe('a dropped file that starts no execution', () => {
  const at = new Date('2026-01-02T03:04:05Z');

  it('is recorded REFUSED or SKIPPED with a sentence naming it; own copies and filed files are not', () => {
    // Act
    const refused = dropRecordOf(
      {
        status: 'failed',
        sourceKey: '!!!_20250901.csv',
        error: 'NamingError',
        reason: '!!!_20250901.csv: the file name gives no table name',
      },
      at,
    );
    const skipped = dropRecordOf(
      { status: 'skipped', sourceKey: '메모.txt', reason: 'not a .csv file' },
      at,
    );
    const ownCopy = dropRecordOf(
      { status: 'skipped', sourceKey: 't/T_1.csv', reason: 'not at the bucket root' },
      at,
    );

    // Assess
    expect(refused).toEqual({
      sourceKey: '!!!_20250901.csv',
      status: 'REFUSED',
      error: 'NamingError',
      cause: '!!!_20250901.csv: the file name gives no table name',
      at: at.toISOString(),
    });
    expect(skipped).toMatchObject({ status: 'SKIPPED', cause: '메모.txt: not a .csv file' });
    expect(ownCopy).toBeUndefined();
  });

  it('is printed by local up as one line', () => {
    // Act
    const line = filingLine(
      {
        status: 'failed',
        sourceKey: 'X.csv',
        error: 'CsvFormatError',
        reason: 'X.csv: bad',
        table: 'x',
      },
      at,
    );

    // Assess
    expect(line).toBe(
      `03:04:05  ${'x'.padEnd(24)} REFUSED      X.csv — CsvFormatError: X.csv: bad`,
    );
  });
});

describe('withLocalCommands', () => {
  it('completes an unquoted `csv-catalog sync` too, once', () => {
    // Prepare
    const cause =
      'table csv_catalog.학생 is not in the catalog; see its log, then csv-catalog sync --table 학생';

    // Act
    const once = withLocalCommands(cause, '.csv-catalog');

    // Assess
    expect(once).toMatch(/, then npx csv-catalog sync --table 학생 --dir \.csv-catalog$/);
    expect(withLocalCommands(once, '.csv-catalog')).toBe(once);
  });
});

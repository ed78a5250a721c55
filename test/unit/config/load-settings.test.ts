import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localConfig } from '../../../cli/cli-config.js';
import { defaultConfig, parseConfig } from '../../../shared/config/load-config.js';
import { loadSettingsFor } from '../../../shared/config/load-settings.js';
import { ownEntry } from '../../../shared/config/own-entry.js';
import { ConfigError } from '../../../shared/errors.js';

describe('rds.load, rds.emptyAs, rds.maxShrink and rds.chunkBytes in config', () => {
  it('defaults to no load, empty fields as NULL, a 50% shrink guard and 256 MiB chunks', () => {
    // Act
    const config = defaultConfig();

    // Assess
    expect(config.rds).toMatchObject({
      load: 'off',
      emptyAs: 'null',
      maxShrink: 0.5,
      chunkBytes: 268_435_456,
    });
    expect(loadSettingsFor(config, '학생')).toEqual({
      load: 'off',
      emptyAs: 'null',
      maxShrink: 0.5,
      chunkBytes: 268_435_456,
    });
  });

  it('lets a table’s own settings win field by field, Korean table names included', () => {
    // Prepare
    const config = parseConfig({
      rds: {
        load: 'replace',
        emptyAs: 'empty',
        maxShrink: 0.2,
        chunkBytes: 50,
        tables: {
          학생_명단: { load: 'append', maxShrink: 1 },
          school_info: { emptyAs: 'null', overflow: 'json' },
        },
      },
    });

    // Act
    const student = loadSettingsFor(config, '학생_명단');
    const info = loadSettingsFor(config, 'school_info');
    const other = loadSettingsFor(config, 'member');

    // Assess
    expect(student).toEqual({ load: 'append', emptyAs: 'empty', maxShrink: 1, chunkBytes: 50 });
    expect(info).toEqual({ load: 'replace', emptyAs: 'null', maxShrink: 0.2, chunkBytes: 50 });
    expect(other).toEqual({ load: 'replace', emptyAs: 'empty', maxShrink: 0.2, chunkBytes: 50 });
  });

  it('reads YAML’s `emptyAs: null` (a null, not the word) as NULL', () => {
    // Prepare
    const yaml = parse('rds:\n  emptyAs: null\n  tables:\n    학생: { emptyAs: ~ }\n');

    // Act
    const config = parseConfig(yaml, 'csv-catalog.config.yml');

    // Assess
    expect(config.rds.emptyAs).toBe('null');
    expect(loadSettingsFor(config, '학생').emptyAs).toBe('null');
  });

  it('loads with replace under --load (the demo), over the team’s configuration that keeps it off', async () => {
    // Prepare
    const team = fileURLToPath(new URL('../../../csv-catalog.config.yml', import.meta.url));
    const options = { dir: '.', bucket: 'b', s3Port: 0, gluePort: 0, config: team };

    // Act
    const demo = await localConfig({ ...options, load: 'replace' });
    const plain = await localConfig(options);

    // Assess: the flag sets the load and keeps the rest of the team's file (its renames)
    expect(loadSettingsFor(demo, 'school_teacher').load).toBe('replace');
    expect(ownEntry(demo.tables, 'school_teacher')?.columns?.[0]).toBe('school_code');
    expect(loadSettingsFor(plain, 'school_teacher').load).toBe('off');
  });

  it('never reads a table named like an Object.prototype member from the prototype', () => {
    // Prepare
    const config = parseConfig({ rds: { load: 'append' } });

    // Act
    const settings = ['constructor', 'tostring', 'hasownproperty'].map((t) =>
      loadSettingsFor(config, t),
    );

    // Assess
    for (const s of settings) expect(s.load).toBe('append');
  });

  it.each([
    ['a load mode other than off, replace or append', { load: 'merge' }, /rds\.load/],
    ['an emptyAs other than null or empty', { emptyAs: 'zero' }, /rds\.emptyAs/],
    ['a shrink share above 1', { maxShrink: 1.5 }, /rds\.maxShrink/],
    ['a negative shrink share', { maxShrink: -0.1 }, /rds\.maxShrink/],
    ['a chunk of 0 bytes', { chunkBytes: 0 }, /rds\.chunkBytes/],
    ['a fractional chunk size', { chunkBytes: 1.5 }, /rds\.chunkBytes/],
    ['a table’s unknown load mode', { tables: { t: { load: 'merge' } } }, /rds\.tables\.t\.load/],
    [
      'a table’s shrink share above 1',
      { tables: { t: { maxShrink: 2 } } },
      /rds\.tables\.t\.maxShrink/,
    ],
    ['a table’s chunk size (one for all)', { tables: { t: { chunkBytes: 5 } } }, /rds\.tables\.t/],
  ])('refuses %s, naming the field', (_case, rds, message) => {
    // Act
    const act = () => parseConfig({ rds }, 'csv-catalog.yml');

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(message);
  });
});

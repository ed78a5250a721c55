import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../../shared/config/load-config.js';
import { ConfigError } from '../../../shared/errors.js';

async function configFile(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'csv-catalog-config-')), name);
  await writeFile(path, text);
  return path;
}

describe('loadConfig', () => {
  it('gives every field a default', async () => {
    // Act
    const config = await loadConfig();

    // Assess
    expect(config).toMatchObject({
      glue: { database: 'csv_catalog' },
      naming: { rules: [], exclude: ['athena/', 'jar/', 'result/'] },
      snapshots: 'replace',
      encoding: 'auto',
      crawl: {
        mode: 'when-needed',
        schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      },
      rds: { load: 'off', typeMap: {} },
    });
  });

  it('reads YAML and JSON', async () => {
    // Prepare
    const yaml = await configFile('c.yml', 'glue:\n  database: schoolfriends\nsnapshots: append\n');
    const json = await configFile('c.json', '{"crawl": {"mode": "always"}}');

    // Act
    const fromYaml = await loadConfig(yaml);
    const fromJson = await loadConfig(json);

    // Assess
    expect(fromYaml.glue.database).toBe('schoolfriends');
    expect(fromYaml.snapshots).toBe('append');
    expect(fromJson.crawl.mode).toBe('always');
  });

  it.each([
    ['snapshots: keep\n', /snapshots: /],
    ['crawl:\n  mode: sometimes\n', /crawl\.mode: /],
    ['snapshot: replace\n', /Unrecognized key.*snapshot/],
    [
      'tables:\n  t:\n    rename: { a: "Bad Name" }\n',
      /tables\.t\.rename\.a: must be 1–64 lower-case/,
    ],
    [
      'tables:\n  t:\n    types: { a: varchar }\n',
      /tables\.t\.types\.a: must be a Glue column type/,
    ],
    [
      'rds:\n  typeMap: { string: "VARCHAR(255); DROP TABLE x" }\n',
      /rds\.typeMap\.string: must be a MySQL column type/,
    ],
    [
      'naming:\n  rules:\n    - pattern: "^(?<name>.+)$"\n',
      /naming\.rules\.0\.pattern: needs a named group/,
    ],
    [
      'naming:\n  rules:\n    - pattern: "(unclosed"\n',
      /naming\.rules\.0\.pattern: is not a valid regular expression/,
    ],
  ])('names the file and the field: %j', async (text, message) => {
    // Prepare
    const path = await configFile('csv-catalog.yml', text);

    // Act
    const act = loadConfig(path);

    // Assess
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `),
    );
    await expect(act).rejects.toThrow(message);
  });

  it('says which file cannot be read or parsed', async () => {
    // Prepare
    const broken = await configFile('broken.json', '{ nope');

    // Act & Assess
    await expect(loadConfig('/nonexistent/csv-catalog.yml')).rejects.toThrow(
      /^\/nonexistent\/csv-catalog\.yml: cannot be read/,
    );
    await expect(loadConfig(broken)).rejects.toThrow(/broken\.json: is not valid JSON/);
  });

  it('overlays partial settings on the defaults', () => {
    // Act
    const config = defaultConfig({
      tables: { school_teacher: { columns: ['school_code', 'member_no'] } },
    });

    // Assess
    expect(config.tables.school_teacher).toEqual({
      columns: ['school_code', 'member_no'],
      rename: {},
      types: {},
    });
  });
});

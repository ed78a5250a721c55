import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config/config-schema.js';
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
      naming: { rules: [], exclude: ['athena/', 'jar/', 'result/'], columns: 'unicode' },
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
      /tables\.t\.rename\.a: must be a catalog column name/,
    ],
    [
      'tables:\n  t:\n    columns: [ok, "_id"]\n',
      /tables\.t\.columns\.1: must be a catalog column name/,
    ],
    [
      `tables:\n  t:\n    columns: [${'가'.repeat(65)}]\n`,
      /tables\.t\.columns\.0: must be a catalog column name: 1–64/,
    ],
    [
      'tables:\n  t:\n    types: { "Reg Date": int }\n',
      /tables\.t\.types\.Reg Date: must be a catalog column name/,
    ],
    ['tables:\n  School_Info: {}\n', /tables\.School_Info: must be a catalog table name/],
    ['tables:\n  2024_scores: {}\n', /tables\.2024_scores: .*must be a catalog table name/],
    ['naming:\n  columns: latin\n', /naming\.columns: /],
    [
      'naming:\n  rules:\n    - { pattern: "^x", table: "Bad Name" }\n',
      /naming\.rules\.0\.table: must be a catalog table name/,
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
      /naming\.rules\.0\.pattern: needs a named group \(\?<table>…\), or the rule a literal `table`/,
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

  it('accepts Korean tables and column names, and JavaScript’s own property names', async () => {
    // Prepare
    const path = await configFile(
      'korean.yml',
      [
        'naming:',
        '  columns: ascii',
        '  rules:',
        '    - { pattern: "^학생 명단", table: 학생 }',
        'tables:',
        '  학교목록:',
        '    columns: [학교명, 주소]',
        '    rename: { 주소: 학교_주소 }',
        '    types: { 학교_주소: string }',
        '  constructor:',
        '    rename: { valueof: value_of, tostring: to_string }',
        '    types: { hasownproperty: int }',
        '',
      ].join('\n'),
    );

    // Act
    const config = await loadConfig(path);

    // Assess
    expect(config.naming).toMatchObject({
      columns: 'ascii',
      rules: [{ pattern: '^학생 명단', table: '학생', flags: '' }],
    });
    expect(Object.hasOwn(config.tables, '학교목록')).toBe(true);
    expect(config.tables.학교목록).toEqual({
      columns: ['학교명', '주소'],
      rename: { 주소: '학교_주소' },
      types: { 학교_주소: 'string' },
    });
    expect(Object.hasOwn(config.tables, 'constructor')).toBe(true);
    expect(Object.keys(config.tables)).toEqual(['학교목록', 'constructor']);
  });

  it.each([
    ['YAML', 'c.yml', 'tables:\n  __proto__:\n    encoding: cp949\n', 'tables.__proto__'],
    [
      'JSON',
      'c.json',
      '{"tables": {"t": {"rename": {"__proto__": "x"}}}}',
      'tables.t.rename.__proto__',
    ],
    [
      'JSON',
      'c.json',
      '{"tables": {"t": {"types": {"__proto__": "int"}}}}',
      'tables.t.types.__proto__',
    ],
    ['YAML', 'c.yml', 'rds:\n  typeMap: { __proto__: TEXT }\n', 'rds.typeMap.__proto__'],
  ])(
    'refuses a %s map key __proto__, naming the field (zod would drop it silently)',
    async (_, name, text, field) => {
      // Prepare
      const path = await configFile(name, text);

      // Act
      const act = loadConfig(path);

      // Assess
      await expect(act).rejects.toThrow(ConfigError);
      await expect(act).rejects.toThrow(`${path}: ${field}: "__proto__" cannot be a name`);
    },
  );

  it('needs its own check: zod alone drops a __proto__ key without a word', () => {
    // Prepare
    const input = JSON.parse('{"tables": {"__proto__": {"encoding": "cp949"}}}');

    // Act
    const parsed = configSchema.parse(input);

    // Assess
    expect(Object.hasOwn(parsed.tables, '__proto__')).toBe(false);
  });

  it('refuses __proto__ given as an own key of a configuration object', () => {
    // Prepare
    const overrides = {
      tables: Object.fromEntries([['__proto__', { encoding: 'cp949' as const }]]),
    };

    // Act
    const act = () => defaultConfig(overrides);

    // Assess
    expect(act).toThrow(/^configuration: tables\.__proto__: "__proto__" cannot be a name/);
  });
});

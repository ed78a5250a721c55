import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load-config.js';
import { stageGlueDatabase, withStageDatabase } from '../../../shared/config/stage-database.js';

describe('the Glue database of a deployed stage', () => {
  it.each([
    ['prod', 'csv_catalog_prod'],
    ['prod-eu', 'csv_catalog_prod_eu'],
    ['Dev2', 'csv_catalog_dev2'],
  ])('is csv_catalog_<stage> for a config that names none (%s)', (stage, database) => {
    // Prepare
    const file = { glue: { crawlerName: 'crawler_{table}' }, snapshots: 'replace' };

    // Act
    const config = parseConfig(withStageDatabase(file, stage));

    // Assess
    expect(stageGlueDatabase(stage)).toBe(database);
    expect(config.glue).toEqual({ database, crawlerName: 'crawler_{table}' });
  });

  it('is the database the config names, whatever the stage', () => {
    // Prepare
    const file = { glue: { database: 'schoolfriends' } };

    // Act
    const config = parseConfig(withStageDatabase(file, 'prod'));

    // Assess
    expect(config.glue.database).toBe('schoolfriends');
  });

  it('stays csv_catalog locally (no stage), and an empty file deployed gets the stage’s', () => {
    expect(parseConfig(withStageDatabase({}, undefined)).glue.database).toBe('csv_catalog');
    expect(parseConfig(withStageDatabase(null, 'dev')).glue.database).toBe('csv_catalog_dev');
  });

  it('leaves a malformed glue section for the schema to refuse', () => {
    expect(() => parseConfig(withStageDatabase({ glue: 'schoolfriends' }, 'prod'))).toThrow(/glue/);
  });
});

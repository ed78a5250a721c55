import { describe, expect, it } from 'vitest';
import { MysqlTargetMismatch, stackMysqlSettings } from '../../../cli/stack-mysql-target.js';
import type { MysqlTarget } from '../../../shared/mysql/mysql-settings.js';

const RECORDED: MysqlTarget = { host: '127.0.0.1', port: 3306, user: 'root', database: '학교_db' };
const DIR = '/tmp/stack';

describe('stackMysqlSettings', () => {
  it('uses the recorded target, with no password, when nothing is given', () => {
    // Act
    const settings = stackMysqlSettings({ dir: DIR }, RECORDED, {});

    // Assess
    expect({ ...settings }).toEqual({ ...RECORDED, password: '' });
  });

  it('takes the password of a MYSQL_URL that names the recorded target', () => {
    // Prepare
    const env = { MYSQL_URL: 'mysql://root:fake-pw@127.0.0.1:3306/%ED%95%99%EA%B5%90_db' };

    // Act
    const settings = stackMysqlSettings({ dir: DIR }, RECORDED, env);

    // Assess
    expect(settings).toMatchObject({ ...RECORDED, password: 'fake-pw' });
  });

  it.each([
    [{ mysqlUrl: 'mysql://root:fake-pw@127.0.0.1:3306/other' }, {}, '--mysql-url'],
    [{}, { MYSQL_URL: 'mysql://root:fake-pw@127.0.0.1:3307/학교_db' }, 'MYSQL_URL'],
  ])('refuses %j %j naming both targets, never the password', (options, env, flag) => {
    // Act
    const refuse = () => stackMysqlSettings({ dir: DIR, ...options }, RECORDED, env);

    // Assess
    expect(refuse).toThrow(MysqlTargetMismatch);
    expect(refuse).toThrow(
      new RegExp(
        `^${flag} points to root@127\\.0\\.0\\.1:330\\d/\\S+, but the stack in /tmp/stack wrote to root@127\\.0\\.0\\.1:3306/학교_db: .*--retarget`,
      ),
    );
    expect(refuse).not.toThrow(/fake-pw/);
  });

  it('takes another target with --retarget, and any URL on a folder that recorded none', () => {
    // Prepare
    const url = 'mysql://app:pw@db.example:3306/other';

    // Act
    const retargeted = stackMysqlSettings({ dir: DIR, mysqlUrl: url, retarget: true }, RECORDED);
    const fresh = stackMysqlSettings({ dir: DIR, mysqlUrl: url }, undefined);

    // Assess
    for (const settings of [retargeted, fresh]) {
      expect(settings).toMatchObject({ host: 'db.example', database: 'other', password: 'pw' });
    }
  });
});

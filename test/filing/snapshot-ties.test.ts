import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import { snapshotsInPlace } from '../../shared/filing/snapshot-convergence.js';
import { resyncTable } from '../../shared/sync/resync-table.js';
import { snapshotVerdict } from '../../shared/workflow/snapshot-verdict.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { listKeys } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

/** Three spellings of one snapshot: all read 20250901000000. */
const TIED = ['T_20250901.csv', 'T_202509010000.csv', 'T_2025-09-01.csv'];
const ORDERS = [
  [0, 1, 2],
  [2, 1, 0],
  [1, 0, 2],
  [2, 0, 1],
];

describe('snapshots whose timestamps tie', () => {
  let s3: TestS3;
  let n = 0;
  const config = defaultConfig();
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());

  const newBucket = async () => {
    const bucket = `ties-${++n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return { bucket, store: new S3ObjectStore(s3.client, bucket) };
  };

  it.each(ORDERS)(
    'keeps exactly one in place when the three are filed at once (order %i %i %i)',
    async (...order) => {
      // Prepare
      const { bucket, store } = await newBucket();
      const names = order.map((i) => TIED[i] ?? '');
      for (const name of names) {
        await s3.client.send(
          new PutObjectCommand({ Bucket: bucket, Key: name, Body: `학번,이름\n1,${name}\n` }),
        );
      }

      // Act
      const outcomes = await Promise.all(
        names.map((key) => fileCsvObject({ key }, { store, config })),
      );

      // Assess
      expect(outcomes.map((o) => o.status)).toEqual(['filed', 'filed', 'filed']);
      const inPlace = await listKeys(s3, bucket, 't/');
      const archived = await listKeys(s3, bucket, '_archive/t/');
      expect(inPlace).toHaveLength(1);
      expect([...inPlace, ...archived].map((k) => k.split('/').at(-1)).sort()).toEqual(
        [...TIED].sort(),
      );
      const checks = await Promise.all(
        names.map((name) =>
          snapshotVerdict(
            { table: 't', key: `t/${name}`, snapshot: '20250901', superseded: false },
            { store, config },
          ),
        ),
      );
      expect(checks.filter((c) => !c.superseded)).toHaveLength(1);
      expect(names[checks.findIndex((c) => !c.superseded)]).toBe(inPlace[0]?.slice(2));
    },
  );

  it('keeps the one filed later when a tied spelling arrives after the first is in place', async () => {
    // Prepare
    const { bucket, store } = await newBucket();
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'T_202509010000.csv', Body: 'a,b\n1,first\n' }),
    );
    await fileCsvObject({ key: 'T_202509010000.csv' }, { store, config });
    // S3 lists LastModified in whole seconds: the later filing must fall in a later second
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'T_20250901.csv', Body: 'a,b\n1,second\n' }),
    );

    // Act
    const outcome = await fileCsvObject({ key: 'T_20250901.csv' }, { store, config });

    // Assess
    expect(outcome).toMatchObject({
      status: 'filed',
      key: 't/T_20250901.csv',
      superseded: false,
      archived: ['_archive/t/T_202509010000.csv'],
    });
    expect(await listKeys(s3, bucket, 't/')).toEqual(['t/T_20250901.csv']);
    const older = await snapshotVerdict(
      { table: 't', key: 't/T_202509010000.csv', snapshot: '202509010000', superseded: false },
      { store, config },
    );
    expect(older).toEqual({
      superseded: true,
      reason:
        'T_202509010000.csv (snapshot 202509010000) ties with T_20250901.csv (snapshot 20250901), which stays in t/: this file was archived meanwhile',
      newestSnapshot: '20250901',
    });
  });

  it('syncs the very file CheckSnapshot keeps when tied files sit in place (filed by hand)', async () => {
    // Prepare
    const { bucket, store } = await newBucket();
    for (const name of TIED) {
      await s3.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: `t/${name}`, Body: `학번,이름\n1,${name}\n` }),
      );
    }
    const started: WorkflowInput[] = [];
    const workflow = {
      start: async (name: string, input: WorkflowInput) => {
        started.push(input);
        return { name, alreadyStarted: false };
      },
    };

    // Act
    const outcome = await resyncTable('t', { store, config, workflow, runId: 'r1' });

    // Assess
    const [input] = started;
    expect(outcome).toMatchObject({ status: 'started', key: input?.key });
    const check = await snapshotVerdict(
      { table: 't', key: input?.key ?? '', snapshot: input?.snapshot ?? null, superseded: false },
      { store, config },
    );
    expect(check.superseded).toBe(false);
  });

  it('lists every file in place with its LastModified, the order needs it', async () => {
    // Prepare
    const { bucket, store } = await newBucket();
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 't/T_20250901.csv', Body: 'a\n' }),
    );

    // Act
    const files = await snapshotsInPlace(store, 't', config);

    // Assess
    expect(files).toHaveLength(1);
    expect(files[0]?.lastModified).toBeInstanceOf(Date);
  });
});

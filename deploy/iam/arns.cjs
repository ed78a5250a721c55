'use strict';
// ARNs as CloudFormation values: partition, region and account come from the stack, names
// from the settings, so one template deploys to any account and region.

/** arn:<partition>:<service>:<region>:<account>:<resource> */
function regional(service, resource) {
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
  };
}

const s3 = {
  bucket: (bucket) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucket}` }),
  objects: (bucket, pattern = '*') => ({
    'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucket}/${pattern}`,
  }),
};

/** Glue Data Catalog ARNs: every catalog action needs the catalog and each ancestor too. */
const glue = {
  catalog: () => regional('glue', 'catalog'),
  database: (db) => regional('glue', `database/${db}`),
  tables: (db) => regional('glue', `table/${db}/*`),
  /**
   * The stage's crawlers: the config's name pattern (stage filled in) with `*` for the table,
   * as shared/glue/crawler-name.ts names them: `crawler_prod_{table}` → `crawler/crawler_prod_*`.
   */
  crawlers: (pattern) => regional('glue', `crawler/${pattern.replace('{table}', '*')}`),
};

const getAtt = (logicalId, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
const ref = (logicalId) => ({ Ref: logicalId });

module.exports = { regional, s3, glue, getAtt, ref };

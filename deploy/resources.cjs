'use strict';
// serverless.yml `resources:` — roles, monitoring and outputs, built from the checked deploy
// parameters (custom.csvCatalog), plus extensions to the resources osls and
// serverless-step-functions generate.
const path = require('node:path');
const { readSettings } = require('./settings.cjs');
const { lambdaRoleResources } = require('./iam/lambda-roles.cjs');
const { stateMachineRole, crawlerRole } = require('./iam/workflow-roles.cjs');
const { monitoringResources } = require('./monitoring.cjs');
const { definitionSubstitutions } = require('./state-machine.cjs');
const { getAtt, ref } = require('./iam/arns.cjs');
const { createdBucket, deadLetterQueuePolicy } = require('./bucket.cjs');
const { bucketSetupResources } = require('./bucket-setup.cjs');

const SERVICE_DIR = path.resolve(__dirname, '..');

module.exports = async ({ resolveConfigurationProperty }) => {
  const settings = readSettings(
    await resolveConfigurationProperty(['custom', 'csvCatalog']),
    SERVICE_DIR,
  );
  const functions = (await resolveConfigurationProperty(['functions'])) ?? {};
  const functionKeys = Object.keys(functions);
  const { substitutions, functionLogicalIds } = definitionSubstitutions(SERVICE_DIR, functionKeys);
  return {
    Resources: {
      ...lambdaRoleResources(settings),
      ...stateMachineRole(settings, functionLogicalIds),
      ...crawlerRole(settings),
      ...monitoringResources(settings),
      ...(settings.existingBucket ? bucketSetupResources(settings) : createdBucket(settings)),
      ...deadLetterQueuePolicy(dropRuleName(functions)),
    },
    Outputs: {
      // csv-catalog executions finds the state machine by its name (shared/aws/find-state-machine.ts).
      StateMachineArn: {
        Description: 'The csv-catalog workflow',
        Value: ref('CsvCatalogStateMachine'),
      },
      BucketName: {
        Description: 'Drop CSV dumps at the root of this bucket',
        Value: settings.bucket,
      },
      GlueDatabase: {
        Description: 'Catalog tables land here (from the bundled config)',
        Value: settings.database,
      },
      DeadLetterQueueUrl: {
        Description: 'Uploads file-upload gave up on',
        Value: ref('FileUploadDeadLetterQueue'),
      },
      CrawlerRoleArn: {
        Description: `The role the crawlers (${settings.crawlerNamePattern}) run under`,
        Value: getAtt('CrawlerRole'),
      },
      AlarmTopicArn: { Description: 'Alarms publish here', Value: ref('AlarmTopic') },
    },
    extensions: {
      CsvCatalogStateMachine: { Properties: { DefinitionSubstitutions: substitutions } },
      ...rdsVpcConfig(settings),
    },
  };
};

/** The Lambdas that connect to MySQL, each in the VPC that reaches RDS (when one is given). */
const RDS_FUNCTION_IDS = ['SyncRdsDdlLambdaFunction', 'LoadRowsLambdaFunction'];

function rdsVpcConfig(settings) {
  if (!settings.rdsVpc) return {};
  const { subnetIds, securityGroupIds } = settings.rdsVpc;
  return Object.fromEntries(
    RDS_FUNCTION_IDS.map((id) => [
      id,
      {
        Properties: {
          VpcConfig: { SubnetIds: [...subnetIds], SecurityGroupIds: [...securityGroupIds] },
        },
      },
    ]),
  );
}

/** The name serverless.yml gives file-upload's EventBridge rule (the dead-letter queue names it). */
function dropRuleName(functions) {
  const rule = functions.fileUpload?.events?.find((e) => e.eventBridge)?.eventBridge;
  if (!rule?.name) throw new Error('serverless.yml: fileUpload needs its eventBridge event, named');
  return rule.name;
}

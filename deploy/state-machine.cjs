'use strict';
// The ASL file is deployed as written. Its Lambda ARNs are ${<Name>FunctionArn} placeholders
// (the convention local/workflow uses too); CloudFormation fills them in through the state
// machine's DefinitionSubstitutions, which replaces exactly the keys it is given and leaves
// any other `${` text alone, so the ASL needs no `${!` escapes.
const fs = require('node:fs');
const path = require('node:path');

const ASL_FILE = 'statemachines/csv-catalog.asl.json';
const PLACEHOLDER = /\$\{([A-Z][A-Za-z0-9]*)FunctionArn\}/g;

/** Placeholder → the osls function it names: CheckSnapshotFunctionArn → checkSnapshot. */
function lambdaPlaceholders(serviceDir) {
  const text = fs.readFileSync(path.join(serviceDir, ASL_FILE), 'utf8');
  const names = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
  return [...names].map((name) => ({
    placeholder: `${name}FunctionArn`,
    functionKey: name.charAt(0).toLowerCase() + name.slice(1),
    functionLogicalId: `${name}LambdaFunction`,
  }));
}

/**
 * DefinitionSubstitutions for the state machine; fails when the ASL names a function
 * serverless.yml does not define, so a new Task state cannot deploy half-wired.
 */
function definitionSubstitutions(serviceDir, functionKeys) {
  const placeholders = lambdaPlaceholders(serviceDir);
  const missing = placeholders.filter((p) => !functionKeys.includes(p.functionKey));
  if (missing.length > 0) {
    const list = missing
      .map((p) => `\${${p.placeholder}} (function "${p.functionKey}")`)
      .join(', ');
    throw new Error(`${ASL_FILE} invokes Lambdas serverless.yml does not define: ${list}`);
  }
  const substitutions = {};
  for (const p of placeholders)
    substitutions[p.placeholder] = { 'Fn::GetAtt': [p.functionLogicalId, 'Arn'] };
  return { substitutions, functionLogicalIds: placeholders.map((p) => p.functionLogicalId) };
}

module.exports = { definitionSubstitutions, lambdaPlaceholders, ASL_FILE };

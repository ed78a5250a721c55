import {
  GetCrawlerCommand,
  type GlueClient,
  GlueServiceException,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { type JsonValue, toJsonValue } from './json-value.js';
import type { TaskHandler } from './lambda-stand-in.js';

/** The `aws-sdk:glue:<action>` integrations the workflow uses, as SDK calls. */
const GLUE_ACTIONS = {
  startCrawler: (client: GlueClient, input: JsonValue) =>
    client.send(new StartCrawlerCommand(input as unknown as StartCrawlerCommand['input'])),
  getCrawler: (client: GlueClient, input: JsonValue) =>
    client.send(new GetCrawlerCommand(input as unknown as GetCrawlerCommand['input'])),
} satisfies Record<string, (client: GlueClient, input: JsonValue) => Promise<object>>;

export function isLocalGlueAction(action: string): action is keyof typeof GLUE_ACTIONS {
  return action in GLUE_ACTIONS;
}

/**
 * Stands in for `arn:aws:states:::aws-sdk:glue:<action>`: the real SDK call against the Glue
 * endpoint the client points at (inputs are Glue's PascalCase members, as in the ASL). The
 * output loses the SDK's `$metadata` and its Dates become ISO strings, as Step Functions
 * returns them; a Glue error fails the task as `Glue.<Exception>`, the name Retry and Catch
 * match.
 */
export function glueTaskStandIn(
  client: GlueClient,
  action: keyof typeof GLUE_ACTIONS,
): TaskHandler {
  const call = GLUE_ACTIONS[action];
  return async (input) => {
    try {
      const { $metadata: _metadata, ...output } = await call(client, input);
      return toJsonValue(output);
    } catch (error) {
      if (!(error instanceof GlueServiceException)) throw error;
      const failure = new Error(error.message);
      failure.name = `Glue.${error.name}`;
      throw failure;
    }
  };
}

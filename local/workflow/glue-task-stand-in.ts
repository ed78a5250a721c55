import {
  GetCrawlerCommand,
  type GlueClient,
  GlueServiceException,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import type { JsonValue } from './json-value.js';
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
 * output loses the SDK's `$metadata` and its Dates become ISO-8601 strings, as Step Functions
 * returns them — without `.000` when the milliseconds are zero, which Step Functions may drop,
 * so that the ASL meets both shapes here too; a Glue error fails the task as
 * `Glue.<Exception>`, the name Retry and Catch match.
 */
export function glueTaskStandIn(
  client: GlueClient,
  action: keyof typeof GLUE_ACTIONS,
): TaskHandler {
  const call = GLUE_ACTIONS[action];
  return async (input) => {
    try {
      const { $metadata: _metadata, ...output } = await call(client, input);
      return sdkIntegrationJson(output);
    } catch (error) {
      if (!(error instanceof GlueServiceException)) throw error;
      const failure = new Error(error.message);
      failure.name = `Glue.${error.name}`;
      throw failure;
    }
  };
}

/** The SDK's output as an AWS SDK integration hands it to the state machine. */
export function sdkIntegrationJson(value: unknown): JsonValue {
  const text = JSON.stringify(value, function replace(this: Record<string, unknown>, key, v) {
    // JSON.stringify has already called Date#toJSON on `v`: read the Date itself.
    const raw = this[key];
    return raw instanceof Date ? isoTimestamp(raw) : v;
  });
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** `2026-11-29T22:00:00Z` for a whole second, `2026-11-29T22:00:00.250Z` otherwise. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

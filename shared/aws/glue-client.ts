import { GlueClient, type GlueClientConfig } from '@aws-sdk/client-glue';

export interface GlueClientOptions {
  /** A Glue-compatible endpoint (the local one); falls back to AWS_ENDPOINT_URL_GLUE. */
  endpoint?: string;
  region?: string;
}

/**
 * The one place Glue clients are built. Against a local endpoint the client uses dummy
 * credentials when none are configured: the local endpoint accepts any.
 */
export function createGlueClient(options: GlueClientOptions = {}): GlueClient {
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_GLUE;
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  if (!endpoint) return new GlueClient({ region });
  const config: GlueClientConfig = { region, endpoint };
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return new GlueClient(config);
}

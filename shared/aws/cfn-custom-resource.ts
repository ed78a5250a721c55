import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';

/**
 * What CloudFormation sends a custom resource's Lambda
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html).
 * Only the fields needed to answer are checked here: a request that lacks them cannot be
 * answered at all; the resource's own properties are checked by the handler, which answers
 * FAILED when they are wrong.
 */
export const customResourceRequestSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url({ protocol: /^https?$/ }),
  StackId: z.string().min(1),
  RequestId: z.string().min(1),
  LogicalResourceId: z.string().min(1),
  ResourceType: z.string().optional(),
  /** Absent on Create; the id this resource answered before on Update and Delete. */
  PhysicalResourceId: z.string().min(1).optional(),
  ResourceProperties: z.record(z.string(), z.unknown()).default({}),
  OldResourceProperties: z.record(z.string(), z.unknown()).optional(),
});
export type CustomResourceRequest = z.output<typeof customResourceRequestSchema>;

/** The answer CloudFormation waits for (crpg-ref-responses.html). */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  /** Required when FAILED: CloudFormation shows it in the stack's events. */
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
}

/**
 * "The total size of the response body can't exceed 4096 bytes" (crpg-ref-responses.html):
 * a longer reason is cut so the answer still arrives, rather than the stack waiting for
 * the custom resource timeout (an hour by default).
 */
export const MAX_RESPONSE_BYTES = 4096;

export function responseOf(
  request: CustomResourceRequest,
  outcome: { status: 'SUCCESS' | 'FAILED'; physicalResourceId: string; reason?: string },
): CustomResourceResponse {
  const response: CustomResourceResponse = {
    Status: outcome.status,
    PhysicalResourceId: outcome.physicalResourceId,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
  };
  if (outcome.reason !== undefined) response.Reason = outcome.reason;
  return fitted(response);
}

/**
 * The response with its reason cut (at a character, marked with …) to the longest that keeps
 * the JSON body within MAX_RESPONSE_BYTES; JSON escapes and UTF-8 make bytes differ from
 * characters, so the cut is searched for.
 */
function fitted(response: CustomResourceResponse): CustomResourceResponse {
  if (response.Reason === undefined || bodyBytes(response) <= MAX_RESPONSE_BYTES) return response;
  const characters = [...response.Reason];
  const cutAt = (keep: number) => ({
    ...response,
    Reason: `${characters.slice(0, keep).join('')} …`,
  });
  let fits = 0;
  let tooLong = characters.length;
  while (tooLong - fits > 1) {
    const keep = Math.floor((fits + tooLong) / 2);
    if (bodyBytes(cutAt(keep)) <= MAX_RESPONSE_BYTES) fits = keep;
    else tooLong = keep;
  }
  return cutAt(fits);
}

const bodyBytes = (response: CustomResourceResponse) => Buffer.byteLength(JSON.stringify(response));

/**
 * PUTs the response to the pre-signed ResponseURL. No Content-Type: the URL is signed
 * without one, and S3 refuses a PUT whose headers differ from what was signed
 * (SignatureDoesNotMatch), which would leave the stack waiting. An answer S3 refuses is an
 * error here, so it shows in the Lambda's log.
 */
export function sendResponse(responseUrl: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const url = new URL(responseUrl);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((done, fail) => {
    const req = send(
      url,
      {
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) done();
          else {
            fail(
              new Error(
                `CloudFormation's response URL answered ${status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`,
              ),
            );
          }
        });
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error("CloudFormation's response URL timed out")));
    req.on('error', fail);
    req.end(body);
  });
}

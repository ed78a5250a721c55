/**
 * An error as Glue reports it over its JSON protocol: HTTP 400 and a body
 * `{"__type": "<Type>", "Message": "…"}`. The AWS SDK turns the type into its own exception
 * class (EntityNotFoundException, …) and the AWS CLI prints "An error occurred (<Type>)".
 */
export class GlueServiceError extends Error {
  public override name = 'GlueServiceError';
  public readonly type: GlueErrorType;
  public readonly httpStatus: number;
  constructor(type: GlueErrorType, message: string, httpStatus = 400) {
    super(message);
    this.type = type;
    this.httpStatus = httpStatus;
  }
}

/** The error types this endpoint sends; each is an exception class of @aws-sdk/client-glue. */
export type GlueErrorType =
  | 'AlreadyExistsException'
  | 'ConcurrentModificationException'
  | 'CrawlerNotRunningException'
  | 'CrawlerRunningException'
  | 'CrawlerStoppingException'
  | 'EntityNotFoundException'
  | 'InternalServiceException'
  | 'InvalidInputException'
  | 'ResourceNumberLimitExceededException'
  // Sent only by injected test faults (glue-fault-injector.ts): Glue's transient errors.
  | 'ThrottlingException'
  | 'OperationTimeoutException'
  // Not modelled by Glue: what AWS endpoints answer for an operation they do not know.
  | 'UnknownOperationException'
  | 'SerializationException';

export function entityNotFound(message: string): GlueServiceError {
  return new GlueServiceError('EntityNotFoundException', message);
}

export function alreadyExists(message: string): GlueServiceError {
  return new GlueServiceError('AlreadyExistsException', message);
}

export function invalidInput(message: string): GlueServiceError {
  return new GlueServiceError('InvalidInputException', message);
}

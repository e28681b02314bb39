// Lambda's client errors that several of its operations send, in AWS's words.
import { AwsError } from '../protocol/errors.ts';

/** InvalidParameterValueException: a member Lambda read but will not accept. */
export const invalidValue = (message: string) => new AwsError('InvalidParameterValueException', message);

/** A policy or an event source mapping that does not exist; a missing function's message names its ARN instead. */
export const resourceNotFound = () => new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);

/** A body Lambda could not read into the operation's input: not JSON, or a member of the wrong type. */
export const unreadableBody = (detail: string) =>
  new AwsError('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${detail}`);

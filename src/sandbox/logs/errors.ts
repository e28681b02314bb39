// CloudWatch Logs' client errors that several of its operations send, in AWS's words.
import { AwsError } from '../protocol/errors.ts';

export const notFound = (what: 'log group' | 'log stream') => new AwsError('ResourceNotFoundException', `The specified ${what} does not exist.`);

/** InvalidParameterException: a member Logs read but will not accept. */
export const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** A member of the wrong JSON type: the body could not be read into the operation's input. */
export const logsTypeError = () => new AwsError('SerializationException', '');

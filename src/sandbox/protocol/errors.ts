/**
 * An error as AWS reports it. Each protocol module serialises it the way that
 * protocol does (awsJson: `__type` + `message`; restJson: `x-amzn-ErrorType`
 * header + body; query: XML `<ErrorResponse>`).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members some errors carry (e.g. Lambda's `Type: "User"`). */
  readonly fields: Record<string, unknown>;

  constructor(code: string, message: string, status = 400, fields: Record<string, unknown> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** What AWS answers when something broke on its side; the message is the standard one of AWS's common errors. */
export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
}

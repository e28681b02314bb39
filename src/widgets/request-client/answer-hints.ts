// What an API's answer means for a student of the lab: API Gateway's own errors, the
// CRUD function's 400 with DynamoDB's message, and the relay's refusals.
import type { ApiAnswer } from '../../cloud/api-requests.ts';

/** The answer's body as JSON, or undefined when it is not JSON. */
export function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A JSON body pretty-printed; any other body as it came. */
export function prettyBody(body: string): string {
  const value = parsedJson(body);
  return value === undefined ? body : JSON.stringify(value, null, 2);
}

function messageOf(body: string): string | undefined {
  const value = parsedJson(body) as { message?: unknown } | undefined;
  return typeof value?.message === 'string' ? value.message : undefined;
}

/** A sentence on what to do about this answer, or undefined when it needs none. */
export function answerHint(answer: Pick<ApiAnswer, 'status' | 'body' | 'fromRelay'>): string | undefined {
  const { status, body } = answer;
  const message = messageOf(body);
  if (answer.fromRelay) return `This answer comes from labbook’s relay, not from your API: ${message ?? 'see the body'}`;
  if (status === 404 && message === 'Not Found') {
    return 'API Gateway found no route for this method and path. Check the stage in the URL (the invoke URL ends in /prod/), that the route (such as GET /) exists, and that the API was deployed after its routes were made. A brand-new API can also answer this for a few seconds.';
  }
  if (status === 403 && message === 'Missing Authentication Token') {
    return 'A REST API’s answer for a path or method it does not have (the lab’s API is an HTTP API, which answers 404 instead): check the URL, its stage and path.';
  }
  if (status === 403 && message === 'Forbidden')
    return 'API Gateway refuses calls to this address: check the API id in the URL, and that the API’s default endpoint is enabled.';
  if (status === 500 && message === 'Internal Server Error') {
    return 'API Gateway could not use the function: it failed, returned something that is not a response, or API Gateway may not invoke it yet (the Lambda permission). Look at the function’s logs; right after add-permission, wait a moment and send again.';
  }
  if (status === 503 && message === 'Service Unavailable') return 'The function did not answer in time (the integration’s timeout is 30 s at most).';
  if (status === 400)
    return 'The function answered 400: DynamoDB refused the call, and the body says why (a missing TableName, a key that does not match the table, a malformed body).';
  return undefined;
}

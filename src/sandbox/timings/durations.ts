// How long each state the lab passes through lasts: at once in the sandbox by default, or as
// long as on AWS with `--timings aws`. One row per transition, with the range AWS's profile
// draws from and where the figure comes from. AWS publishes few durations; where it gives
// none, the row says so and the range is the narrowest that AWS's own waiters and the
// reports cited allow, so that a widget that waits well for it waits well on AWS.

export type Transition =
  | 'dynamodb.table-creating'
  | 'dynamodb.table-deleting'
  | 'lambda.function-pending'
  | 'lambda.update-in-progress'
  | 'kinesis.stream-creating'
  | 'kinesis.stream-deleting'
  | 'lambda.mapping-creating'
  | 'lambda.mapping-transition'
  | 'apigateway.deployment-propagating'
  | 'lambda.permission-propagating';

export interface TransitionTiming {
  /** What a student sees last this long, in AWS's words. */
  state: string;
  /** The sandbox's default: at once, or the short pause its tests and widgets have always had. */
  instantMs: number;
  /** The range `--timings aws` draws from. */
  awsMs: readonly [min: number, max: number];
  source: string;
}

export const TRANSITIONS: Record<Transition, TransitionTiming> = {
  'dynamodb.table-creating': {
    state: 'a new table is CREATING',
    instantMs: 0,
    awsMs: [5_000, 20_000],
    source:
      'No duration published. CreateTable "immediately returns … CREATING" (DynamoDB API Reference, CreateTable); the SDKs\' TableExists waiter polls every 20 s (botocore dynamodb waiters-2.json); Terraform\'s AWS provider waits 5 s before its first look (hashicorp/terraform-provider-aws#47143).',
  },
  'dynamodb.table-deleting': {
    state: 'a deleted table is DELETING',
    instantMs: 0,
    awsMs: [5_000, 20_000],
    source: 'No duration published; the TableNotExists waiter polls every 20 s (botocore dynamodb waiters-2.json).',
  },
  'lambda.function-pending': {
    state: 'a new function is Pending',
    instantMs: 500,
    awsMs: [1_000, 5_000],
    source:
      '"In most cases your function is ready to be invoked or modified after a few seconds" (Lambda Developer Guide, functions-states.html); the FunctionActiveV2 waiter polls every second (botocore lambda waiters-2.json).',
  },
  'lambda.update-in-progress': {
    state: 'an updated function’s LastUpdateStatus is InProgress',
    instantMs: 300,
    awsMs: [1_000, 5_000],
    source: 'The same page: creating and updating both provision for "a few seconds"; FunctionUpdatedV2 polls every second (botocore lambda waiters-2.json).',
  },
  'kinesis.stream-creating': {
    state: 'a new stream is CREATING',
    instantMs: 500,
    awsMs: [10_000, 30_000],
    source:
      'No duration published; CreateStream "immediately returns and sets the stream status to CREATING" (Kinesis API Reference) and the StreamExists waiter polls every 10 s (botocore kinesis waiters-2.json).',
  },
  'kinesis.stream-deleting': {
    state: 'a deleted stream is DELETING',
    instantMs: 500,
    awsMs: [10_000, 30_000],
    source: 'No duration published; the StreamNotExists waiter polls every 10 s (botocore kinesis waiters-2.json).',
  },
  'lambda.mapping-creating': {
    state: 'a new event source mapping is Creating (nothing is read from the stream yet)',
    instantMs: 500,
    awsMs: [60_000, 180_000],
    source:
      '"During event source mapping creation, it may take several minutes to start polling events from the stream", so with LATEST it "could miss events" (Lambda Developer Guide, "Polling and stream starting positions").',
  },
  'lambda.mapping-transition': {
    state: 'an event source mapping is Enabling, Updating, Disabling or Deleting',
    instantMs: 500,
    awsMs: [5_000, 90_000],
    source: '"During event source mapping updates, it may take up to 90 seconds to stop and restart polling events from the stream" (the same page).',
  },
  'apigateway.deployment-propagating': {
    state: 'a stage still serves its previous deployment; with none, an HTTP API answers 404 {"message":"Not Found"} and a WebSocket $connect 403',
    instantMs: 0,
    awsMs: [1_000, 5_000],
    source:
      'No duration published: the developer guide says only that a deployed API is then "available for clients to invoke" (API Gateway Developer Guide, http-api-stages.html). Reports: the first calls after a deployment fail and "a 5s pause" is the workaround (hashicorp/terraform-provider-aws#17604); the API answers an error right after apply and works "in a couple of minutes" (hashicorp/terraform#14970).',
  },
  'lambda.permission-propagating': {
    state: 'a new Lambda permission does not yet let API Gateway invoke the function (500 {"message":"Internal Server Error"})',
    instantMs: 0,
    awsMs: [1_000, 6_000],
    source:
      'No duration published. API Gateway answers 500 with "Execution failed due to configuration error: Invalid permissions on Lambda function" while the permission is not in effect, here for "a six-second window" around a permission\'s replacement (DataBiosphere/azul#8301); calls fail until the permission lands (serverless/serverless#9525), and a 5 s pause avoids it (hashicorp/terraform-provider-aws#17604).',
  },
};

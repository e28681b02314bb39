// Sends a case's call with the AWS SDK v3 client of its service, as a student's script would.
import * as managementApi from '@aws-sdk/client-apigatewaymanagementapi';
import * as apigatewayv2 from '@aws-sdk/client-apigatewayv2';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as lambda from '@aws-sdk/client-lambda';
import * as sts from '@aws-sdk/client-sts';
import type { ClientConfig } from '../sandbox/harness.ts';
import type { ServiceName } from './case-format.ts';
import type { Variables } from './variables.ts';

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
}
type ClientClass = new (config: ClientConfig) => SdkClient;
type CommandClass = new (input: unknown) => unknown;

const packages: Record<ServiceName, { module: Record<string, unknown>; client: string }> = {
  sts: { module: sts, client: 'STSClient' },
  dynamodb: { module: dynamodb, client: 'DynamoDBClient' },
  lambda: { module: lambda, client: 'LambdaClient' },
  kinesis: { module: kinesis, client: 'KinesisClient' },
  logs: { module: logs, client: 'CloudWatchLogsClient' },
  apigatewayv2: { module: apigatewayv2, client: 'ApiGatewayV2Client' },
  apigatewaymanagementapi: { module: managementApi, client: 'ApiGatewayManagementApiClient' },
};

export interface CallFailure {
  code: string;
  status: number | undefined;
  message: string;
}

export type CallResult = { output: Record<string, unknown> } | { error: CallFailure };

/** Payloads are bytes and policies JSON text on the wire; a case records the JSON (or text) they carry. */
function readable(output: Record<string, unknown>): Record<string, unknown> {
  const fields = { ...output };
  delete fields.$metadata;
  for (const [key, value] of Object.entries(fields)) {
    const isPolicy = typeof value === 'string' && value.startsWith('{');
    if (!(value instanceof Uint8Array) && !isPolicy) continue;
    const text = isPolicy ? value : Buffer.from(value as Uint8Array).toString('utf8');
    try {
      fields[key] = JSON.parse(text);
    } catch {
      fields[key] = text;
    }
  }
  return fields;
}

export async function call(
  service: ServiceName,
  operation: string,
  input: Record<string, unknown>,
  config: ClientConfig,
  variables: Variables,
): Promise<CallResult> {
  const { module, client } = packages[service];
  const Command = module[`${operation}Command`] as CommandClass | undefined;
  if (!Command) throw new Error(`${service} has no operation ${operation}`);
  // The @connections API lives under the WebSocket API's stage, as on AWS.
  const endpoint = service === 'apigatewaymanagementapi' ? `${config.endpoint}/_api/${variables.ApiId}/${variables.StageName}` : config.endpoint;
  const sdk = new (module[client] as ClientClass)({ ...config, endpoint });
  try {
    return { output: readable(await sdk.send(new Command(input))) };
  } catch (error) {
    const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    if (failure.$metadata === undefined) throw error;
    return { error: { code: failure.name, status: failure.$metadata.httpStatusCode, message: failure.message } };
  } finally {
    sdk.destroy();
  }
}

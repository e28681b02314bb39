// What a lab resource costs while it is left on AWS, in words for the student. A step says
// what it makes through its AWS CLI equivalent: the command that creates the resource
// (`dynamodb create-table`, `kinesis create-stream`, …) names the kind AWS bills, so every
// step, including ones added later, gets a cost without saying more. Details that change
// the bill (a stream's mode and shards, an API's protocol) come from what AWS described.
// Prices: us-east-1, from the services' pricing pages; they change, so the text says "about".
import type { AnyStep, Place } from './model.ts';
import { renderScript } from './shells.ts';

export interface Cost {
  /** How AWS bills it, and what that means for something left idle. */
  text: string;
  /** It bills by the hour whether used or not: the thing not to forget. */
  hourly: boolean;
}

/** `kinesis create-stream`: the first command of a step's CLI that makes something, wherever it stands on its line (`ID=$(aws …`, `do aws …`); comments do not count. */
export function createCommandOf(cli: string): string | undefined {
  for (const line of cli.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    const match = /\baws (\S+) ((?:create|add|put)-[\w-]+)/.exec(line);
    if (match) return `${match[1]} ${match[2]}`;
  }
  return undefined;
}

/** A field of what a step's find() returned, when AWS described it. */
function field<T>(found: unknown, name: string): T | undefined {
  return typeof found === 'object' && found !== null && name in found ? ((found as Record<string, unknown>)[name] as T) : undefined;
}

const SHARD_HOUR_USD = 0.015;

function streamCost(found: unknown): Cost {
  const mode = field<{ StreamMode?: string }>(found, 'StreamModeDetails')?.StreamMode;
  if (mode === 'ON_DEMAND') {
    return { hourly: true, text: 'On-demand Kinesis stream: billed per stream-hour even when idle, plus per GB written and read.' };
  }
  const shards = field<number>(found, 'OpenShardCount');
  const perDay = shards === undefined ? undefined : (shards * SHARD_HOUR_USD * 24).toFixed(2);
  return {
    hourly: true,
    text:
      `Provisioned Kinesis stream: about $${SHARD_HOUR_USD} per shard-hour, even when idle` +
      (perDay === undefined ? '' : ` — ${shards} shard${shards === 1 ? '' : 's'}, about $${perDay} a day, $${(Number(perDay) * 30).toFixed(2)} a month`) +
      '. The one to delete first.',
  };
}

function tableCost(found: unknown): Cost {
  const provisioned = field<{ BillingMode?: string }>(found, 'BillingModeSummary')?.BillingMode === 'PROVISIONED';
  if (provisioned)
    return {
      hourly: true,
      text: 'DynamoDB table with provisioned capacity: billed per capacity-unit-hour, used or not, plus about $0.25 per GB-month stored.',
    };
  return {
    hourly: false,
    text: 'DynamoDB table, on-demand: nothing per hour; about $0.25 per GB-month for what it stores (a few KB here), and per read and write.',
  };
}

function apiCost(found: unknown, cli: string): Cost {
  const protocol = field<string>(found, 'ProtocolType') ?? /--protocol-type (\S+)/.exec(cli)?.[1];
  if (protocol === 'WEBSOCKET') {
    return {
      hourly: false,
      text: 'WebSocket API: nothing while idle; about $1 per million messages and $0.25 per million connection-minutes — an open map or wscat session counts.',
    };
  }
  return { hourly: false, text: 'HTTP API: nothing while idle; about $1 per million requests.' };
}

const FUNCTION_COST: Cost = {
  hourly: false,
  text: 'Lambda function: nothing while idle; $0.20 per million requests plus compute time when invoked. Its log group is stored at about $0.03 per GB-month and never expires by itself; it is deleted with the function.',
};

/** What the resource a step made costs if left on AWS; `found` is what the step's find() returned. */
export function costOf(step: AnyStep, inputs: unknown, place: Place, found: unknown): Cost {
  const cli = renderScript(step.cli(inputs, place), 'bash');
  const command = createCommandOf(cli) ?? '';
  if (command === 'kinesis create-stream') return streamCost(found);
  if (command === 'dynamodb create-table') return tableCost(found);
  if (command === 'lambda create-function') return FUNCTION_COST;
  if (command === 'lambda create-event-source-mapping') {
    return {
      hourly: false,
      text: 'Event source mapping: nothing of its own, but while enabled every batch on the stream is a billed invocation of the function.',
    };
  }
  if (command === 'lambda add-permission') return { hourly: false, text: 'Part of the function’s resource policy: no charge of its own.' };
  if (command === 'apigatewayv2 create-api') return apiCost(found, cli);
  if (command.startsWith('apigatewayv2 ')) return { hourly: false, text: 'Part of its API: no charge of its own; the API bills per request or message.' };
  const service = command.split(' ')[0] || 'the service';
  return { hourly: false, text: `See ${service}’s pricing page for what it costs while it exists.` };
}

/** The sandbox runs on the student's machine: nothing there is billed. */
export const isSandbox = (place: Pick<Place, 'targetKey'>) => place.targetKey.startsWith('sandbox:');

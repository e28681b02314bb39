// A Lambda event source mapping from a Kinesis stream to a function, as a step: Lambda
// polls the stream's shards and invokes the function with batches of records. Found by
// function and stream (there is at most one per pair), created with a batch size and a
// starting position, waited for until Enabled, deleted and waited for until gone.
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { capture, comment, variable } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, Made, Place, Step, StepContext } from '../model.ts';
import { hasName, pollUntil, retryWhile } from '../waiting.ts';
import { streamArnOf } from './kinesis-stream.ts';

export interface MappingInputs {
  functionName: string;
  streamName: string;
  /** Records per invocation, at most: 1 to 10,000 for Kinesis. */
  batchSize: number;
  startingPosition: 'LATEST' | 'TRIM_HORIZON';
}

/** Where a new mapping starts reading: new records only, or the oldest the stream still keeps. */
const STARTING_POSITIONS: readonly MappingInputs['startingPosition'][] = ['LATEST', 'TRIM_HORIZON'];

/** States a mapping passes through on its way to Enabled (after a create, an enable or an update). */
const SETTLING = new Set(['Creating', 'Enabling', 'Updating']);
/** A mapping in Creating, Updating or Deleting refuses changes with this, briefly. */
const busy = hasName('ResourceInUseException');

/** `FlightFanout ← ccbda-flights`: what the step made, by the two things it connects. */
const mappingName = (inputs: Pick<MappingInputs, 'functionName' | 'streamName'>) => `${inputs.functionName} ← ${inputs.streamName}`;

const isFor = (m: EventSourceMappingConfiguration, functionName: string) => m.FunctionArn?.split(':')[6] === functionName;

/** Every mapping from this stream to this function, deleting ones included, by listing the stream's mappings. */
async function mappingsOf(ctx: StepContext, inputs: Pick<MappingInputs, 'functionName' | 'streamName'>): Promise<EventSourceMappingConfiguration[]> {
  const client = ctx.client(LambdaClient);
  const found: EventSourceMappingConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await send(ctx, client, new ListEventSourceMappingsCommand({ EventSourceArn: streamArnOf(ctx, inputs.streamName), Marker: marker }));
    found.push(...(page.EventSourceMappings ?? []).filter((m) => isFor(m, inputs.functionName)));
    marker = page.NextMarker;
  } while (marker);
  return found;
}

/**
 * The mapping from this stream to this function, if any. Listing by the stream's ARN never
 * fails for a missing mapping or function (GetEventSourceMapping answers 404, and a
 * FunctionName filter naming no function is refused), so nothing shows as a console error.
 */
export async function findMapping(
  ctx: StepContext,
  inputs: Pick<MappingInputs, 'functionName' | 'streamName'>,
): Promise<EventSourceMappingConfiguration | undefined> {
  return (await mappingsOf(ctx, inputs)).find((m) => m.State !== 'Deleting');
}

function summary(m: EventSourceMappingConfiguration, inputs: MappingInputs): string {
  return `${mappingName(inputs)}: ${m.State}, batches of up to ${m.BatchSize}, from ${m.StartingPosition}; last result: ${m.LastProcessingResult ?? 'none yet'}`;
}

/** Polls until the mapping is Enabled; a Disabled or Deleting mapping will not get there by itself. */
async function waitEnabled(ctx: StepContext, inputs: MappingInputs): Promise<EventSourceMappingConfiguration> {
  const name = mappingName(inputs);
  return pollUntil(ctx, {
    read: async () => {
      const found = await findMapping(ctx, inputs);
      if (!found)
        throw new StepError('ResourceNotFoundException', `There is no event source mapping ${name}: it was deleted meanwhile. Retry to create it again.`);
      return found;
    },
    done: (m) => {
      if (m.State === 'Enabled') return true;
      if (SETTLING.has(m.State ?? '')) return false;
      throw new StepError('MappingNotEnabled', `The event source mapping ${name} is ${m.State}, so Lambda does not read the stream. Retry to enable it.`);
    },
    describe: (m) => ({ text: `Mapping ${name} is ${m.State}`, state: m.State, waitingFor: m.State === 'Enabled' ? undefined : `${m.State} → Enabled` }),
  });
}

export function eventSourceMappingStep(id: string, title: string, defaults: MappingInputs): Step<MappingInputs, EventSourceMappingConfiguration> {
  return {
    id,
    title,
    fields: [
      { name: 'functionName', label: 'Function', kind: 'text' },
      { name: 'streamName', label: 'Kinesis stream', kind: 'text' },
      { name: 'batchSize', label: 'Batch size', kind: 'number', help: 'records per invocation, at most' },
      { name: 'startingPosition', label: 'Starting position', kind: 'select', options: STARTING_POSITIONS, help: 'LATEST: only records written from now on' },
    ],
    defaults: () => ({ ...defaults }),
    nameOf: mappingName,

    find: (ctx, inputs) => findMapping(ctx, inputs),

    async create(ctx, inputs) {
      ctx.progress({ text: `Connecting ${inputs.streamName} to ${inputs.functionName}` });
      try {
        await send(
          ctx,
          ctx.client(LambdaClient),
          new CreateEventSourceMappingCommand({
            FunctionName: inputs.functionName,
            EventSourceArn: streamArnOf(ctx, inputs.streamName),
            BatchSize: inputs.batchSize,
            StartingPosition: inputs.startingPosition,
          }),
        );
      } catch (error) {
        // Made meanwhile (another tab, or a create whose answer was lost): waitReady adopts it.
        if (!hasName('ResourceConflictException')(error)) throw error;
      }
    },

    /** Turns a disabled mapping back on and sets its batch size; the starting position is fixed once created. */
    async update(ctx, inputs, found) {
      const enable = found.State === 'Disabled' || found.State === 'Disabling';
      if (!enable && found.BatchSize === inputs.batchSize) return false;
      const updating = { text: `Updating mapping ${mappingName(inputs)}`, waitingFor: 'the mapping to be ready for changes' };
      await retryWhile(ctx, busy, updating, () =>
        send(ctx, ctx.client(LambdaClient), new UpdateEventSourceMappingCommand({ UUID: found.UUID, BatchSize: inputs.batchSize, Enabled: true })),
      );
      return true;
    },

    async waitReady(ctx, inputs): Promise<Made> {
      const m = await waitEnabled(ctx, inputs);
      return { name: mappingName(inputs), arn: m.EventSourceMappingArn, summary: summary(m, inputs) };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const m = await findMapping(ctx, inputs);
      if (!m) {
        return [
          {
            label: `An event source mapping ${mappingName(inputs)}`,
            ok: false,
            detail: `Function ${inputs.functionName} has no event source mapping from the stream ${inputs.streamName} in ${ctx.region}.`,
          },
        ];
      }
      return [
        { label: `Mapping ${mappingName(inputs)} is Enabled`, ok: m.State === 'Enabled', detail: `Its state is ${m.State}.` },
        { label: `Batch size ${inputs.batchSize}`, ok: m.BatchSize === inputs.batchSize, detail: `The batch size is ${m.BatchSize}.` },
        {
          label: `Starting position ${inputs.startingPosition}`,
          ok: m.StartingPosition === inputs.startingPosition,
          detail:
            m.StartingPosition === inputs.startingPosition
              ? `It started reading at ${m.StartingPosition}.`
              : `It started reading at ${m.StartingPosition}, which cannot be changed: remove the mapping and create it again.`,
        },
      ];
    },

    async remove(ctx, inputs) {
      const found = await findMapping(ctx, inputs);
      if (!found) return false;
      const deleting = { text: `Deleting mapping ${mappingName(inputs)}`, waitingFor: 'the mapping to be ready for changes' };
      try {
        await retryWhile(ctx, busy, deleting, () => send(ctx, ctx.client(LambdaClient), new DeleteEventSourceMappingCommand({ UUID: found.UUID })));
      } catch (error) {
        if (!hasName('ResourceNotFoundException')(error)) throw error;
      }
      // Deleting can take several seconds on AWS; it is gone when the list no longer has it at all.
      await pollUntil(ctx, {
        read: async () => (await mappingsOf(ctx, inputs)).find((m) => m.UUID === found.UUID),
        done: (m) => m === undefined,
        describe: (m) => ({ text: `Deleting mapping ${mappingName(inputs)}`, state: m?.State ?? 'gone', waitingFor: m ? `${m.State} → gone` : undefined }),
      });
      return true;
    },

    cli: (inputs, place: Place) => [
      capture(
        'MAPPING_UUID',
        awsCommand(place, 'lambda', 'create-event-source-mapping', [
          ['--function-name', inputs.functionName],
          ['--event-source-arn', streamArnOf(place, inputs.streamName)],
          ['--batch-size', inputs.batchSize],
          ['--starting-position', inputs.startingPosition],
          ['--query', 'UUID'],
          ['--output', 'text'],
        ]),
      ),
      // The AWS CLI's Lambda waiters cover functions and versions, not mappings (botocore's
      // lambda waiters-2.json), so the text polls; a mapping can take minutes to leave Creating.
      comment('Wait until its State is Enabled (it starts as Creating, for up to a few minutes):'),
      ...(inputs.startingPosition === 'LATEST' ? [comment('with LATEST, records written to the stream before then are never delivered.')] : []),
      {
        kind: 'until',
        command: awsCommand(place, 'lambda', 'get-event-source-mapping', [
          ['--uuid', variable('MAPPING_UUID')],
          ['--query', 'State'],
          ['--output', 'text'],
        ]),
        value: 'Enabled',
        seconds: 2,
      },
    ],
  };
}

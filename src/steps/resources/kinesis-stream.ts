// A provisioned Kinesis data stream with a given number of shards, as a step: create it,
// wait CREATING → ACTIVE, check it, delete it and wait until it is gone.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
  ListTagsForStreamCommand,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run } from '../shells.ts';
import { tagMap } from '../labbook-tags.ts';
import type { Finding, Made, Place, Step, StepContext, TaggedKind } from '../model.ts';
import { readIfListed } from './listed-lookup.ts';
import { createOrAdopt, deleteAndWait, waitActive, type StatusResource } from './status-lifecycle.ts';

export interface StreamInputs {
  streamName: string;
  /** Open shards of a provisioned stream: each takes 1 MB or 1,000 records per second in. */
  shardCount: number;
}

export const streamArnOf = (place: Pick<Place, 'account' | 'region'>, streamName: string) =>
  `arn:aws:kinesis:${place.region}:${place.account}:stream/${streamName}`;

const streamResource = (name: string): StatusResource<StreamDescriptionSummary> => ({ kind: 'Stream', name, status: (s) => s.StreamStatus });

const describeStream = async (ctx: StepContext, streamName: string): Promise<StreamDescriptionSummary> =>
  (await send(ctx, ctx.client(KinesisClient), new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary!;

/** Every stream's name in the region, page after page. */
async function streamNames(ctx: StepContext): Promise<string[]> {
  const client = ctx.client(KinesisClient);
  const all: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await send(ctx, client, new ListStreamsCommand({ ExclusiveStartStreamName: after }));
    const names = page.StreamNames ?? [];
    all.push(...names);
    if (!page.HasMoreStreams || names.length === 0) return all;
    after = names.at(-1);
  }
}

/** True when ListStreams names the stream (see listed-lookup.ts for why). */
const streamListed = async (ctx: StepContext, streamName: string): Promise<boolean> => (await streamNames(ctx)).includes(streamName);

/** Every stream with its tags: a stream carries at most 50, and one ListTagsForStream returns up to 50. */
const taggedStreams: TaggedKind = {
  async list(ctx) {
    const client = ctx.client(KinesisClient);
    return Promise.all(
      (await streamNames(ctx)).map(async (name) => {
        const { Tags } = await send(ctx, client, new ListTagsForStreamCommand({ StreamName: name, Limit: 50 }));
        return { name, tags: tagMap(Tags) };
      }),
    );
  },
};

const findStream = (ctx: StepContext, streamName: string): Promise<StreamDescriptionSummary | undefined> =>
  readIfListed(
    () => streamListed(ctx, streamName),
    () => describeStream(ctx, streamName),
  );

const modeOf = (stream: StreamDescriptionSummary) => stream.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
const shards = (count: number | undefined) => `${count} shard${count === 1 ? '' : 's'}`;

function summary(stream: StreamDescriptionSummary): string {
  return `${stream.StreamName}: ${stream.StreamStatus}, ${modeOf(stream).toLowerCase().replace('_', '-')}, ${shards(stream.OpenShardCount)}, records kept ${stream.RetentionPeriodHours} h`;
}

export function kinesisStreamStep(id: string, title: string, defaults: StreamInputs): Step<StreamInputs, StreamDescriptionSummary> {
  return {
    id,
    title,
    fields: [
      { name: 'streamName', label: 'Stream name', kind: 'text' },
      { name: 'shardCount', label: 'Shards', kind: 'number', help: 'a provisioned stream is billed per shard-hour' },
    ],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => inputs.streamName,
    tagged: taggedStreams,

    find: (ctx, inputs) => findStream(ctx, inputs.streamName),

    async create(ctx, inputs) {
      ctx.progress({ text: `Creating stream ${inputs.streamName}` });
      await createOrAdopt(() =>
        send(ctx, ctx.client(KinesisClient), new CreateStreamCommand({ StreamName: inputs.streamName, ShardCount: inputs.shardCount, Tags: ctx.resourceTags })),
      );
    },

    async waitReady(ctx, inputs): Promise<Made> {
      const stream = await waitActive(ctx, streamResource(inputs.streamName), () => describeStream(ctx, inputs.streamName));
      return { name: inputs.streamName, arn: stream.StreamARN, summary: summary(stream) };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const stream = await findStream(ctx, inputs.streamName);
      if (!stream)
        return [{ label: `Stream ${inputs.streamName} exists`, ok: false, detail: `There is no Kinesis stream named ${inputs.streamName} in ${ctx.region}.` }];
      const mode = modeOf(stream);
      return [
        { label: `Stream ${inputs.streamName} is ACTIVE`, ok: stream.StreamStatus === 'ACTIVE', detail: `Its status is ${stream.StreamStatus}.` },
        {
          label: `Provisioned with ${shards(inputs.shardCount)}`,
          ok: mode === 'PROVISIONED' && stream.OpenShardCount === inputs.shardCount,
          detail: `It is ${mode === 'PROVISIONED' ? 'provisioned' : 'on-demand'} with ${shards(stream.OpenShardCount)} open.`,
        },
      ];
    },

    remove: (ctx, inputs) =>
      deleteAndWait(
        ctx,
        streamResource(inputs.streamName),
        { find: () => findStream(ctx, inputs.streamName), listed: () => streamListed(ctx, inputs.streamName) },
        () => send(ctx, ctx.client(KinesisClient), new DeleteStreamCommand({ StreamName: inputs.streamName })),
      ),

    cli: (inputs, place) => [
      run(
        awsCommand(place, 'kinesis', 'create-stream', [
          ['--stream-name', inputs.streamName],
          ['--shard-count', inputs.shardCount],
        ]),
      ),
      run(awsCommand(place, 'kinesis', 'wait stream-exists', [['--stream-name', inputs.streamName]])),
    ],
  };
}

import { ApiStore } from './apigateway/api-store.ts';
import type { SandboxContext } from './context.ts';
import { KinesisStreams } from './kinesis/streams.ts';
import { LambdaEngine } from './lambda/engine.ts';
import { EventSourceMappings } from './lambda/event-source-mappings/mappings.ts';
import { LogStore } from './logs/log-store.ts';
import type { StartedParts } from './started-parts.ts';

/** The state more than one service (or data plane) works on, one of each per sandbox. */
export interface SandboxEngines {
  /** CloudWatch Logs' groups and streams; Lambda writes its functions' logs here. */
  logs: LogStore;
  /** Lambda's functions; API Gateway and the event source mappings invoke through it. */
  lambda: LambdaEngine;
  kinesis: KinesisStreams;
  /** Lambda's pollers of Kinesis streams: they read `kinesis` and invoke through `lambda`. */
  eventSourceMappings: EventSourceMappings;
  /** API Gateway's APIs: the control plane changes them, the data planes serve them. */
  apis: ApiStore;
}

/**
 * Opens each engine once, after the engines it uses, and records it in
 * `started`, which closes them in reverse: the pollers stop before the
 * functions they invoke, and functions before the log store they write to.
 */
export async function openEngines(ctx: SandboxContext, started: StartedParts): Promise<SandboxEngines> {
  const logs = started.add('the log store', await LogStore.open(ctx.storage.scope('logs')), (store) => store.flush());
  const lambda = started.add('the Lambda engine', await LambdaEngine.open(ctx, logs), (engine) => engine.close());
  const kinesisStore = ctx.storage.scope('kinesis');
  const kinesis = started.add(
    'the Kinesis engine',
    await KinesisStreams.open(kinesisStore, { accountId: ctx.accountId, durationMs: (transition) => ctx.timings.durationMs(transition) }),
    (streams) => streams.close(),
  );
  const mappings = await EventSourceMappings.open(ctx, lambda, kinesis);
  const eventSourceMappings = started.add('the event source mappings', mappings, (opened) => opened.close());
  // Documents on disk, written as they change: nothing to close.
  const apis = await ApiStore.open(ctx.storage.scope('apigateway'), ctx.accountId, {
    deploymentDelayMs: () => ctx.timings.durationMs('apigateway.deployment-propagating'),
  });
  return { logs, lambda, kinesis, eventSourceMappings, apis };
}

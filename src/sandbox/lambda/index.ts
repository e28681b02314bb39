import type { SandboxContext } from '../context.ts';
import type { SandboxEngines } from '../engines.ts';
import { AwsError } from '../protocol/errors.ts';
import { modelMessageKeys, restJsonService } from '../protocol/rest-json.ts';
import type { Service } from '../protocol/service.ts';
import { MAX_UPLOAD_REQUEST_BYTES } from './code-package.ts';
import { EventQueue } from './invoke/event-queue.ts';
import { eventSourceMappingRoutes } from './event-source-mappings/operations.ts';
import { lambdaOperations } from './operations.ts';
import { lambdaTagRoutes } from './tags.ts';
import { lambdaTypeError } from './function-input.ts';
import { unreadableBody } from './errors.ts';
import { lambdaChecksBeforeModel, lambdaServiceRules } from './validation-rules.ts';
import { model } from '../protocol/generated/lambda.ts';

/**
 * AWS Lambda (restJson, API version 2015-03-31): its operations (operations.ts,
 * event-source-mappings/operations.ts) behind the protocol layer and Lambda's model.
 */

/** Bodies up to this size reach the operations, which apply Lambda's own per-operation limits. */
const MAX_BODY_BYTES = MAX_UPLOAD_REQUEST_BYTES + 1024 * 1024;

export function lambdaService(ctx: SandboxContext, { lambda: engine, eventSourceMappings: mappings }: Pick<SandboxEngines, 'lambda' | 'eventSourceMappings'>): Service {
  const queue = new EventQueue();
  const service = restJsonService({
    signingName: 'lambda',
    hostPrefix: 'lambda',
    routes: [...lambdaOperations(engine, queue, ctx), ...lambdaTagRoutes(engine), ...eventSourceMappingRoutes(mappings, ctx.accountId)],
    maxBodyBytes: MAX_BODY_BYTES,
    errorMessageKey: modelMessageKeys(model, 'Message'),
    // An unknown runtime is Lambda's own InvalidParameterValueException (function-input.ts).
    validation: { model, errorCode: 'ValidationException', checksBeforeModel: lambdaChecksBeforeModel, serviceRules: lambdaServiceRules, typeError: lambdaTypeError, enumsWordedByService: ['Runtime'] },
    bodyTooLarge: (limit) => new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes.`, 413),
    invalidJson: unreadableBody,
  });
  return { ...service, close: () => Promise.resolve(queue.close()) };
}

import { apiGatewayService } from './apigateway/index.ts';
import type { SandboxContext } from './context.ts';
import type { SandboxEngines } from './engines.ts';
import { dynamodbService } from './dynamodb/index.ts';
import { iamService } from './iam/index.ts';
import { kinesisService } from './kinesis/index.ts';
import { lambdaService } from './lambda/index.ts';
import { logsService } from './logs/index.ts';
import type { Service } from './protocol/service.ts';
import { stsService } from './sts/index.ts';

/** A service from the sandbox around it and the engines it shares with others; each declares the engines it uses. */
export type ServiceFactory = (ctx: SandboxContext, engines: SandboxEngines) => Service | Promise<Service>;

/** Every emulated service, one line each. */
export const serviceFactories: ServiceFactory[] = [stsService, iamService, dynamodbService, logsService, lambdaService, kinesisService, apiGatewayService];

// API Gateway v2's errors: restJson with the code in x-amzn-ErrorType and a
// lower-case `message`. Not-found messages follow AWS's "Invalid <thing>
// identifier specified" form; for APIs AWS prefixes the account
// ("Invalid API identifier specified 123456789012:9h1wag0ywe").
import { AwsError } from '../protocol/errors.ts';

export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);
const notFound = (message: string) => new AwsError('NotFoundException', message, 404);

export const apiNotFound = (accountId: string, apiId: string) => notFound(`Invalid API identifier specified ${accountId}:${apiId}`);
export const integrationNotFound = (id: string) => notFound(`Invalid Integration identifier specified ${id}`);
export const routeNotFound = (id: string) => notFound(`Invalid Route identifier specified ${id}`);
export const routeResponseNotFound = (id: string) => notFound(`Invalid RouteResponse identifier specified ${id}`);
export const stageNotFound = () => notFound('Invalid stage identifier specified');
export const deploymentNotFound = (id: string) => notFound(`Invalid Deployment identifier specified ${id}`);

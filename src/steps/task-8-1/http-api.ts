// Task 8.1's HTTP API, as its chapter declares it, in the chapter's order: CrudHttpAPI, the
// permission for it to invoke LambdaCRUD, the payload 2.0 Lambda integration, the five
// routes (each CRUD operation on / and OPTIONS for the browser's preflight), the stage prod
// (deployed by hand) and its deployment.
import { declaredHttpApiSteps } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';

const { stepId, declaration } = labResource('task-8-1/http-api', 'http-api');

/** In the chapter's order. */
export const HTTP_API_STEPS = declaredHttpApiSteps(stepId, declaration);

export const [httpApiStep, httpApiPermissionStep, , httpApiRoutesStep, , httpApiDeploymentStep] = HTTP_API_STEPS;

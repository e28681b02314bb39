// Task 8.1's CRUD function, deployed from lambda/crud with the Learner Lab's LabRole.
import { labRoleArn, lambdaFunctionStep } from '../resources/lambda-function.ts';
import crudSource from '../../../lambda/crud/lambda_crud.py?raw';
import { CRUD_FUNCTION } from './names.ts';

export const CRUD_HANDLER = 'lambda_crud.lambda_handler';
export const CRUD_SOURCE = crudSource;

export const functionStep = lambdaFunctionStep('task-8-1/function', 'Deploy the CRUD function', (place) => ({
  functionName: CRUD_FUNCTION,
  runtime: 'python3.13',
  handler: CRUD_HANDLER,
  roleArn: labRoleArn(place.account),
  code: CRUD_SOURCE,
  timeout: 3,
  memorySize: 128,
  environment: { LOG_LEVEL: 'INFO' },
}));

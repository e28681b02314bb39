// Task 8.1's CRUD function, as its chapter declares it: lambda/crud/lambda_crud.py, run as the
// Learner Lab's LabRole.
import { declaredFunctionStep } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';

const { stepId, declaration, source } = labResource('task-8-1/function', 'lambda-function');

export const CRUD_HANDLER = declaration.handler;
export const CRUD_SOURCE = source ?? '';

export const functionStep = declaredFunctionStep(stepId, declaration, CRUD_SOURCE);

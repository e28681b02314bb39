// Task 8.1's table, as its chapter declares it: things keyed by a string thingID, billed on demand.
import { declaredTableStep } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';

const { stepId, declaration } = labResource('task-8-1/table', 'dynamodb-table');

export const tableStep = declaredTableStep(stepId, declaration);

// Task 8.2's connections table, as its chapter declares it: one item per open WebSocket
// connection, keyed by the string connectionid, billed on demand.
import { declaredTableStep } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';

const { stepId, declaration } = labResource('task-8-2/table', 'dynamodb-table');

export const connectionsTableStep = declaredTableStep(stepId, declaration);

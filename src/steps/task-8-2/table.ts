// Task 8.2's connections table: one item per open WebSocket connection, keyed by the
// string connectionid, billed on demand.
import { dynamoTableStep } from '../resources/dynamodb-table.ts';
import { TASK_8_2_NAMES } from './names.ts';

export const connectionsTableStep = dynamoTableStep('task-8-2/table', 'Create the connections table', {
  tableName: TASK_8_2_NAMES.tableName,
  partitionKey: 'connectionid',
  keyType: 'S',
});

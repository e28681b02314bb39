// Task 8.1's table: things keyed by a string thingID, billed on demand.
import { dynamoTableStep } from '../resources/dynamodb-table.ts';
import { TASK_8_1_TABLE } from './names.ts';

export const tableStep = dynamoTableStep('task-8-1/table', 'Create the DynamoDB table', {
  tableName: TASK_8_1_TABLE,
  partitionKey: 'thingID',
  keyType: 'S',
});

// Task 8.2's connections table: one item per open WebSocket connection, keyed by the
// string connectionid, billed on demand.
import { dynamoTableStep } from '../resources/dynamodb-table.ts';

export const CONNECTIONS_TABLE = 'ccbda-ws-connections';

export const connectionsTableStep = dynamoTableStep('task-8-2/table', 'Create the connections table', {
  tableName: CONNECTIONS_TABLE,
  partitionKey: 'connectionid',
  keyType: 'S',
});

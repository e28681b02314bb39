// Every widget an MDX chapter can use: `import { PythonCell } from '@widgets';`
// Each one also has an entry in catalogue/registry.ts, which the instructors' page lists,
// and its props as a zod schema in its folder, which the build checks each use against.
export { default as PythonCell } from './python-cell/PythonCell.astro';
export { default as Exercise } from './python-cell/Exercise.astro';
export { default as TargetPanel } from './target-panel/TargetPanel.astro';
export { default as LabStep } from './lab-step/LabStep.astro';
export { default as LabSequence } from './lab-sequence/LabSequence.astro';
export { default as DynamoDBTable } from './dynamodb-table/DynamoDBTable.astro';
export { default as FunctionEditor } from './function-editor/FunctionEditor.astro';
export { default as InvokeFunction } from './invoke/InvokeFunction.astro';
export { default as FunctionLogs } from './function-logs/FunctionLogs.astro';
export { default as CheckMyWork } from './check-my-work/CheckMyWork.astro';
export { default as FlightFeed } from './flight-feed/FlightFeed.astro';
export { default as FlightMap } from './flight-map/FlightMap.astro';
export { default as RequestClient } from './request-client/RequestClient.astro';
export { default as ItemsApp } from './items-app/ItemsApp.astro';
export { default as WebSocketConsole } from './websocket-console/WebSocketConsole.astro';
export { default as Progress } from './progress/Progress.astro';
export { default as LabReport } from './lab-report/LabReport.astro';
export { default as Teardown } from './teardown/Teardown.astro';
export { default as WidgetSlot } from './widget-slot/WidgetSlot.astro';
// The catalogue itself, for the instructors' page (not a widget for chapters).
export { default as WidgetCatalogue } from './catalogue/WidgetCatalogue.astro';

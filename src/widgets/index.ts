// Every widget an MDX chapter can use: `import { PythonCell } from '@widgets';`
// Each one also has an entry in catalogue/registry.ts, which the instructors' page lists.
export { default as PythonCell } from './python-cell/PythonCell.astro';
export { default as Exercise } from './python-cell/Exercise.astro';
export { default as TargetPanel } from './target-panel/TargetPanel.astro';
export { default as WidgetSlot } from './widget-slot/WidgetSlot.astro';
// The catalogue itself, for the instructors' page (not a widget for chapters).
export { default as WidgetCatalogue } from './catalogue/WidgetCatalogue.astro';

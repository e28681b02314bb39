// Every widget an MDX chapter can use: `import { PythonCell } from '@widgets';`
export { default as PythonCell } from './python-cell/PythonCell.astro';
export { default as Exercise } from './python-cell/Exercise.astro';
export { default as WidgetSlot } from './widget-slot/WidgetSlot.astro';

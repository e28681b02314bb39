import type { Plugin } from 'vite';

const classes = (...names: string[]) => names.map((name) => `export class ${name} {}`).join('\n');
const failing = (...names: string[]) =>
  names.map((name) => `export function ${name}() { throw new Error(${JSON.stringify(`${name} is left out of labbook's editor`)}); }`).join('\n');

/**
 * Modules that Monaco's standalone editor imports for every editor but that labbook's
 * editors (Python cells, the function editor: monaco-code-editor.ts) never run, each
 * replaced by empty classes or failing functions, so that what they alone import is left
 * out too. Calling any of them would fail; the editor specs would show it as a page error.
 * Keys are paths under monaco-editor/esm/vs.
 */
const UNUSED_PARTS: Record<string, string> = {
  // The diff editors, for `createDiffEditor` and `createMultiFileDiffEditor`.
  '/editor/browser/widget/diffEditor/diffEditorWidget.js': `${classes('DiffEditorWidget')}\nexport function toLineChanges() { return []; }`,
  '/editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js': classes('MultiDiffEditorWidget'),
  // The quick input: the command palette and "go to line", features labbook does not import.
  '/editor/standalone/browser/quickInput/standaloneQuickInputService.js': classes(
    'StandaloneQuickInputService',
    'QuickInputEditorContribution',
    'QuickInputEditorWidget',
  ),
  // The lists and trees of the reference peek and the quick input (with find-in-tree, tables
  // and split views). Services are created when first asked for, and only those left out ask.
  '/platform/list/browser/listService.js': [
    "import { createDecorator } from '../../instantiation/common/instantiation.js';",
    "export const IListService = createDecorator('listService');",
    classes('ListService'),
  ].join('\n'),
  // The drop-down of a toolbar (the find widget's, a hover's): no labbook editor shows a toolbar.
  '/base/browser/ui/selectBox/selectBox.js': `${classes('SelectBox')}\nexport const SeparatorSelectOption = {};`,
  // The menu the context menu service draws; nothing opens one, as the contextmenu feature is not imported.
  '/base/browser/ui/menu/menu.js': classes('Menu'),
  // Markdown (with its HTML sanitiser) for hovers, drop-down items and dialog details, none of which these editors show.
  '/base/browser/markdownRenderer.js': failing('renderMarkdown', 'renderAsPlaintext'),
  // Drawing text with WebGPU: view.js builds these only with `experimentalGpuAcceleration: 'on'`, which labbook never sets.
  '/editor/browser/gpu/viewGpuContext.js': classes('ViewGpuContext'),
  '/editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js': classes('ViewLinesGpu'),
  '/editor/browser/viewParts/rulersGpu/rulersGpu.js': classes('RulersGpu'),
  '/editor/browser/viewParts/gpuMark/gpuMark.js': classes('GpuMarkOverlay'),
  // Tree-sitter colouring: used only for languages the tree-sitter service supports, and the
  // standalone one (standaloneTreeSitterLibraryService.js) supports none.
  '/editor/common/model/tokens/treeSitter/treeSitterSyntaxTokenBackend.js': classes('TreeSitterSyntaxTokenBackend'),
};

/** Build only: Monaco without the parts above. */
export function monacoWithoutUnusedParts(): Plugin {
  return {
    name: 'labbook:monaco-without-unused-parts',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!id.includes('/monaco-editor/esm/vs/')) return null;
      const part = Object.keys(UNUSED_PARTS).find((end) => id.endsWith(end));
      return part ? UNUSED_PARTS[part] : null;
    },
  };
}

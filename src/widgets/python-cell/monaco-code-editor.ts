// Monaco, cut down to what labbook's editors use (Python cells, the Lambda function
// editor): the core editor, Python colouring, and a few editing features. Imported only
// with import() once an editor is wanted, so no page pays for it on load. The full 'monaco-editor' entry would pull every language.
// What the editor API imports but these editors never run is left out at build time (monaco-unused-parts.ts).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
// Ctrl+M (Ctrl+Shift+M on a Mac) makes Tab move focus out of the editor: keyboard users are never trapped.
import 'monaco-editor/features/toggleTabFocusMode/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** Must match the static code shown before the editor loads (code-cell.css), so nothing jumps. */
const FONT_FAMILY = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";
const FONT_SIZE = 14;
const LINE_HEIGHT = 21;
const PADDING = 8;
const MAX_HEIGHT = 560;

export interface CodeEditorOptions {
  code: string;
  ariaLabel: string;
  onChange(code: string): void;
  /** Ctrl+Enter: runs a cell, deploys a function. */
  onRun(): void;
  /** The Ctrl+Enter action's name in Monaco's command list. */
  runActionLabel?: string;
}

export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
  dispose(): void;
}

// Monaco's own dark theme draws comments at 4.2:1 contrast; WCAG AA asks for 4.5:1.
monaco.editor.defineTheme('labbook-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '7ca668' }], colors: {} });

function followSiteTheme(): void {
  const apply = () => monaco.editor.setTheme(document.documentElement.dataset.theme === 'light' ? 'vs' : 'labbook-dark');
  apply();
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}
followSiteTheme();

export function createCodeEditor(host: HTMLElement, options: CodeEditorOptions): CodeEditor {
  const editor = monaco.editor.create(host, {
    value: options.code,
    language: 'python',
    ariaLabel: options.ariaLabel,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
    padding: { top: PADDING, bottom: PADDING },
    tabSize: 4,
    insertSpaces: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // As the static code before it: a long line's end (often a comment) stays in view.
    wordWrap: 'on',
    automaticLayout: true,
    lineNumbersMinChars: 3,
    // On Linux Monaco dims the number of the line after a final newline, below WCAG AA contrast.
    renderFinalNewline: 'on',
    renderLineHighlightOnlyWhenFocus: true,
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    quickSuggestions: false,
    wordBasedSuggestions: 'off',
    // Let the page scroll past a cell instead of the cell swallowing the wheel.
    scrollbar: { alwaysConsumeMouseWheel: false },
    fixedOverflowWidgets: true,
  });

  const fitHeight = () => {
    host.style.height = `${Math.min(editor.getContentHeight(), MAX_HEIGHT)}px`;
  };
  fitHeight();
  editor.onDidContentSizeChange(fitHeight);
  editor.onDidChangeModelContent(() => options.onChange(editor.getValue()));
  // An action, not addCommand: addCommand keybindings leak across every editor on the page.
  editor.addAction({
    id: 'labbook.run',
    label: options.runActionLabel ?? 'Run',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => options.onRun(),
  });

  return {
    getCode: () => editor.getValue(),
    setCode: (code) => editor.setValue(code),
    focus: () => editor.focus(),
    dispose: () => editor.dispose(),
  };
}

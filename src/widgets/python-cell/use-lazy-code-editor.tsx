// Code shown at once as plain text, swapped for Monaco only once the reader wants to edit
// it (see use-editor-wanted.ts), so no page pays for the editor on load. Python cells and
// the function editor both show their code through this.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeEditor } from './monaco-code-editor.ts';
import { useEditorWanted } from './use-editor-wanted.ts';

export interface LazyCodeEditorOptions {
  /** The code shown first. */
  code: string;
  /** Names the editor for assistive technology. */
  ariaLabel: string;
  onChange?(code: string): void;
  /** Ctrl+Enter in the editor; runActionLabel names it in Monaco's command list. */
  onRun?(): void;
  runActionLabel?: string;
}

export type EditorState = 'static' | 'loading' | 'ready' | 'failed';

export interface LazyCodeEditor {
  /** The code as it is now, whether or not the editor has loaded. */
  getCode(): string;
  /** Replaces the code in the static view and in the editor. */
  showCode(code: string): void;
  state: EditorState;
  view: preact.JSX.Element;
}

// The server renders only the static code, so its build leaves Monaco out entirely.
const loadEditor = () => (import.meta.env.SSR ? Promise.reject(new Error('the editor runs only in the browser')) : import('./monaco-code-editor.ts'));

/** `root` is the widget around the code: scrolling it into view counts as wanting the editor. */
export function useLazyCodeEditor(root: RefObject<HTMLElement>, options: LazyCodeEditorOptions): LazyCodeEditor {
  const staticRef = useRef<HTMLPreElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<CodeEditor>();
  const codeRef = useRef(options.code);
  const focusEditorWhenShown = useRef(false);
  // Callbacks read through a ref so the editor, created once, always calls the latest ones.
  const latest = useRef(options);
  latest.current = options;

  const [shownCode, setShownCode] = useState(options.code);
  const [state, setState] = useState<EditorState>('static');
  const [wanted, want] = useEditorWanted(root);

  const showCode = (code: string) => {
    codeRef.current = code;
    setShownCode(code);
    editorRef.current?.setCode(code);
  };

  useEffect(() => {
    if (!wanted) return;
    let disposed = false;
    setState('loading');
    loadEditor()
      .then(({ createCodeEditor }) => {
        if (disposed || !hostRef.current) return;
        focusEditorWhenShown.current = document.activeElement === staticRef.current;
        editorRef.current = createCodeEditor(hostRef.current, {
          code: codeRef.current,
          ariaLabel: latest.current.ariaLabel,
          runActionLabel: latest.current.runActionLabel,
          onChange: (code) => {
            codeRef.current = code;
            latest.current.onChange?.(code);
          },
          onRun: () => latest.current.onRun?.(),
        });
        setState('ready');
      })
      .catch(() => {
        if (!disposed) setState('failed');
      });
    return () => {
      disposed = true;
      editorRef.current?.dispose();
      editorRef.current = undefined;
    };
  }, [wanted]);

  // The reader was in the static code: carry their focus into the editor once it is visible.
  useEffect(() => {
    if (state !== 'ready' || !focusEditorWhenShown.current) return;
    focusEditorWhenShown.current = false;
    editorRef.current?.focus();
  }, [state]);

  const lines = shownCode.split('\n');
  const view = (
    <div class="lb-cell__code" aria-busy={state === 'loading'}>
      {state !== 'ready' && (
        <div class="lb-cell__static">
          {/* Focusing or clicking the code is the reader asking to edit it: load the editor. */}
          <pre ref={staticRef} tabIndex={0} onFocus={want} onPointerDown={want}>
            <code>
              {lines.map((line, index) => (
                <span key={index} class="lb-cell__line">
                  {index < lines.length - 1 ? `${line}\n` : line}
                </span>
              ))}
            </code>
          </pre>
        </div>
      )}
      <div ref={hostRef} class={state === 'ready' ? 'lb-cell__editor' : 'lb-cell__editor lb-cell__editor--pending'} />
    </div>
  );
  return { getCode: () => codeRef.current, showCode, state, view };
}

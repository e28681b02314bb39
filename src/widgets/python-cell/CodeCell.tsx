// A runnable Python cell: the code (static until the editor is wanted, then Monaco),
// Run / Stop / Reset, a status line and the output. PythonCell and Exercise both use it.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeEditor } from './monaco-code-editor.ts';
import type { RunHandle, RunOutcome } from './python-runner.ts';
import { appendOutput, type OutputChunk } from './run-output.ts';
import { IDLE, outcomeStatus, progressStatus, type RunStatus } from './run-status.ts';
import { sharedPythonRunner } from './shared-runner.ts';
import { useEditorWanted } from './use-editor-wanted.ts';

export interface CodeCellProps {
  /** The code the cell starts with, and goes back to on Reset. */
  code: string;
  /** Names the cell for assistive technology. */
  label: string;
  timeoutSeconds: number;
  /** An exercise's hidden checks. */
  check?: string;
  /** Code to show instead of `code` (a student's saved edit), known only once in the browser. */
  restoredCode?: string;
  onCodeChange?: (code: string) => void;
  onReset?: () => void;
  onFinished?: (outcome: RunOutcome) => void;
}

type EditorState = 'static' | 'loading' | 'ready' | 'failed';

// The server renders only the static code, so its build leaves Monaco out entirely.
const loadEditor = () => (import.meta.env.SSR ? Promise.reject(new Error('the editor runs only in the browser')) : import('./monaco-code-editor.ts'));

export default function CodeCell(props: CodeCellProps) {
  const { code: original, label, timeoutSeconds, check } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLPreElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);
  const editorRef = useRef<CodeEditor>();
  const runRef = useRef<RunHandle>();
  const codeRef = useRef(original);
  const focusEditorWhenShown = useRef(false);
  // Callbacks read through a ref so the editor, created once, always calls the latest ones.
  const latest = useRef(props);
  latest.current = props;

  const [shownCode, setShownCode] = useState(original);
  const [editorState, setEditorState] = useState<EditorState>('static');
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState<RunStatus>(IDLE);
  const [output, setOutput] = useState<OutputChunk[]>([]);
  const [editorWanted, wantEditor] = useEditorWanted(rootRef);

  const showCode = (code: string) => {
    codeRef.current = code;
    setShownCode(code);
    editorRef.current?.setCode(code);
  };

  // A saved edit is applied after hydration, so the server's HTML and the first render agree.
  useEffect(() => {
    if (props.restoredCode !== undefined) showCode(props.restoredCode);
  }, [props.restoredCode]);

  useEffect(() => {
    if (!editorWanted) return;
    let disposed = false;
    setEditorState('loading');
    loadEditor()
      .then(({ createCodeEditor }) => {
        if (disposed || !hostRef.current) return;
        focusEditorWhenShown.current = document.activeElement === staticRef.current;
        editorRef.current = createCodeEditor(hostRef.current, {
          code: codeRef.current,
          ariaLabel: `${label}: Python code`,
          onChange: (code) => {
            codeRef.current = code;
            latest.current.onCodeChange?.(code);
          },
          onRun: () => run(),
        });
        setEditorState('ready');
      })
      .catch(() => {
        if (!disposed) setEditorState('failed');
      });
    return () => {
      disposed = true;
      editorRef.current?.dispose();
      editorRef.current = undefined;
    };
  }, [editorWanted]);

  // The reader was in the static code: carry their focus into the editor once it is visible.
  useEffect(() => {
    if (editorState !== 'ready' || !focusEditorWhenShown.current) return;
    focusEditorWhenShown.current = false;
    editorRef.current?.focus();
  }, [editorState]);

  // Leaving the page mid-run must not leave the shared worker busy for the next one.
  useEffect(() => () => runRef.current?.stop(), []);

  function run() {
    if (runRef.current) return;
    setRunning(true);
    setOutput([]);
    setStatus({ text: 'Starting…', tone: 'busy' });
    const handle = sharedPythonRunner().run({ code: codeRef.current, check: check ?? null, timeoutSeconds }, (progress) => {
      if (progress.type === 'output') setOutput((chunks) => appendOutput(chunks, progress.stream, progress.text));
      else setStatus(progressStatus(progress));
    });
    runRef.current = handle;
    handle.done.then((outcome) => {
      runRef.current = undefined;
      setRunning(false);
      setStatus(outcomeStatus(outcome));
      latest.current.onFinished?.(outcome);
    });
  }

  function stop() {
    runRef.current?.stop();
    runButtonRef.current?.focus();
  }

  function reset() {
    showCode(original);
    setStatus({ text: 'Code reset to the original.', tone: 'neutral' });
    latest.current.onReset?.();
  }

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  };

  const lineCount = shownCode.split('\n').length;
  return (
    <div class="lb-cell not-content" role="group" aria-label={label} ref={rootRef} onKeyDown={onKeyDown}>
      <div class="lb-cell__code" aria-busy={editorState === 'loading'}>
        {editorState !== 'ready' && (
          <div class="lb-cell__static">
            <div class="lb-cell__gutter" aria-hidden="true">
              {Array.from({ length: lineCount }, (_, index) => (
                <span key={index}>{index + 1}</span>
              ))}
            </div>
            {/* Focusing or clicking the code is the reader asking to edit it: load the editor. */}
            <pre ref={staticRef} tabIndex={0} onFocus={wantEditor} onPointerDown={wantEditor}>
              <code>{shownCode}</code>
            </pre>
          </div>
        )}
        <div ref={hostRef} class={editorState === 'ready' ? 'lb-cell__editor' : 'lb-cell__editor lb-cell__editor--pending'} />
      </div>
      <div class="lb-cell__toolbar">
        <button type="button" ref={runButtonRef} class="lb-cell__run" aria-disabled={running} onClick={run}>
          Run
        </button>
        <button type="button" class="lb-cell__stop" aria-disabled={!running} onClick={stop}>
          Stop
        </button>
        <button type="button" class="lb-cell__reset" onClick={reset}>
          Reset
        </button>
        <span class="lb-cell__keys">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs · <kbd>Ctrl</kbd>+<kbd>M</kbd> lets <kbd>Tab</kbd> leave the editor
        </span>
      </div>
      <p class="lb-cell__status" role="status" data-tone={status.tone}>
        {editorState === 'failed' && !status.text ? 'The editor could not load; Run still runs the code shown.' : status.text}
      </p>
      {/* Always in the page (only collapsed when empty): a live region must exist before it can announce. */}
      <div class="lb-cell__output" role="log" aria-live="polite" aria-label={`Output of ${label}`} data-empty={output.length === 0}>
        <pre>
          {output.map((chunk, index) => (
            <span key={index} class={`lb-cell__${chunk.stream}`} data-stream={chunk.stream}>
              {chunk.text}
            </span>
          ))}
        </pre>
      </div>
    </div>
  );
}

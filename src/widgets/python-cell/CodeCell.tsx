// A runnable Python cell: the code (static until the editor is wanted, then Monaco),
// Run / Stop / Reset, a status line and the output. PythonCell and Exercise both use it,
// and keep the student's edits (onCodeChange); the cell says when the code is edited, and
// Reset asks before it throws an edit away.
import { useStore } from '@nanostores/preact';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RunHandle, RunOutcome } from './python-runner.ts';
import { appendOutput, type OutputChunk } from './run-output.ts';
import { IDLE, outcomeStatus, progressStatus, pythonStateStatus, type RunStatus } from './run-status.ts';
import { preloadPythonWhenIdle, sharedPythonRunner } from './shared-runner.ts';
import { useLazyCodeEditor } from './use-lazy-code-editor.tsx';

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

export default function CodeCell(props: CodeCellProps) {
  const { code: original, label, timeoutSeconds, check } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);
  const runRef = useRef<RunHandle>();
  // Callbacks read through a ref so the editor, created once, always calls the latest ones.
  const latest = useRef(props);
  latest.current = props;

  const [running, setRunning] = useState(false);
  /** The code differs from the original (and, with onCodeChange, is kept). */
  const [edited, setEdited] = useState(false);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [status, setStatus] = useState<RunStatus>(IDLE);
  const [output, setOutput] = useState<OutputChunk[]>([]);
  const python = useStore(sharedPythonRunner().state);
  const editor = useLazyCodeEditor(rootRef, {
    code: original,
    ariaLabel: `${label}: Python code`,
    runActionLabel: 'Run this cell',
    onChange: (code) => {
      setEdited(code !== original);
      latest.current.onCodeChange?.(code);
    },
    onRun: () => run(),
  });

  // A saved edit is applied after hydration, so the server's HTML and the first render agree.
  useEffect(() => {
    if (props.restoredCode === undefined) return;
    editor.showCode(props.restoredCode);
    setEdited(props.restoredCode !== original);
  }, [props.restoredCode]);

  useEffect(() => {
    preloadPythonWhenIdle();
    // Leaving the page mid-run must not leave the shared worker busy for the next one.
    return () => runRef.current?.stop();
  }, []);

  function run() {
    if (runRef.current) return;
    setRunning(true);
    setOutput([]);
    setStatus({ text: 'Starting…', tone: 'busy' });
    const handle = sharedPythonRunner().run({ code: editor.getCode(), check: check ?? null, timeoutSeconds }, (progress) => {
      if (progress.type === 'output') setOutput((chunks) => appendOutput(chunks, progress.stream, progress.text));
      else setStatus(progressStatus(progress));
    });
    runRef.current = handle;
    void handle.done.then((outcome) => {
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
    setConfirmingReset(false);
    editor.showCode(original);
    setEdited(false);
    setStatus({ text: 'Code reset to the original.', tone: 'neutral' });
    latest.current.onReset?.();
  }

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  };

  // Until the cell has run, its status says what Python is doing.
  const shown = status.text ? status : pythonStateStatus(python);
  return (
    <div
      class="lb-cell not-content"
      role="group"
      aria-label={label}
      ref={rootRef}
      onKeyDown={onKeyDown}
      data-python={python.kind}
      data-python-snapshot={python.kind === 'ready' ? python.snapshot : undefined}
    >
      {editor.view}
      <div class="lb-cell__toolbar">
        <button type="button" ref={runButtonRef} class="lb-button lb-button--primary lb-cell__run" aria-disabled={running} onClick={run}>
          Run
        </button>
        <button type="button" class="lb-button lb-cell__stop" aria-disabled={!running} onClick={stop}>
          Stop
        </button>
        <button
          type="button"
          class="lb-button lb-cell__reset"
          aria-expanded={edited ? confirmingReset : undefined}
          onClick={() => (edited ? setConfirmingReset(true) : reset())}
        >
          Reset
        </button>
        {edited && <span class="lb-cell__edited">{props.onCodeChange ? 'Edited · kept on this device' : 'Edited'}</span>}
        <span class="lb-cell__keys">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs · <kbd>Ctrl</kbd>+<kbd>M</kbd> lets <kbd>Tab</kbd> leave the editor
        </span>
      </div>
      {confirmingReset && (
        <div class="lb-cell__confirm" role="group" aria-label="Reset this cell?">
          <span>Reset throws away your edits to this cell and brings back its original code.</span>
          <button type="button" class="lb-button" onClick={reset}>
            Discard my edits
          </button>
          <button type="button" class="lb-button" onClick={() => setConfirmingReset(false)}>
            Keep them
          </button>
        </div>
      )}
      {/* Python loading on its own, in every cell in view, is shown but not announced; a run's status is. */}
      <p class="lb-cell__status" role="status" aria-live={status.text ? undefined : 'off'} data-tone={shown.tone}>
        {editor.state === 'failed' && !status.text ? 'The editor could not load; Run still runs the code shown.' : shown.text}
      </p>
      {/* Always in the page (only collapsed when empty): a live region must exist before it can announce. */}
      <div class="lb-cell__output" role="log" aria-live="polite" aria-label={`Output of ${label}`} data-empty={output.length === 0}>
        <pre class="lb-output-text">
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

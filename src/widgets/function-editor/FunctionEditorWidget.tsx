// The function editor: the handler's source in Monaco (loaded when wanted), its settings and
// environment, and Deploy, which zips the source in the page and creates or updates the
// function with LabRole through the function step, waiting until it is Active.
import { useEffect, useRef } from 'preact/hooks';
import type { FunctionInputs } from '../../steps/resources/lambda-function.ts';
import { handlerFileName } from '../../steps/resources/function-package.ts';
import { CRUD_SOURCE, functionStep } from '../../steps/task-8-1/function.ts';
import { StepCard } from '../lab-step/StepCard.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useStepInputs } from '../lab-step/use-step-inputs.ts';
import { useLazyCodeEditor } from '../python-cell/use-lazy-code-editor.tsx';
import { EnvironmentEditor } from './EnvironmentEditor.tsx';

export interface FunctionEditorWidgetProps {
  functionName: string;
  handler: string;
  /** The source to start from; the lab's CRUD function when absent. */
  code?: string;
}

export default function FunctionEditorWidget({ functionName, handler, code }: FunctionEditorWidgetProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const place = usePlace();
  const given: Partial<FunctionInputs> = { functionName, handler, ...(code !== undefined && { code }) };
  // The student's code and settings survive a reload, per function.
  const [inputs, setInput] = useStepInputs<FunctionInputs>(functionStep, place, given, `${functionStep.id}:${functionName}`);
  const original = code ?? CRUD_SOURCE;
  const fileName = handlerFileName(inputs?.handler ?? handler, inputs?.runtime ?? 'python3');
  const editor = useLazyCodeEditor(rootRef, {
    code: original,
    ariaLabel: `${fileName}: the function's Python code`,
    onChange: (changed) => setInput('code', changed),
  });

  // Saved code is shown after hydration, so the server's HTML and the first render agree.
  const savedCode = inputs?.code;
  useEffect(() => {
    if (savedCode !== undefined && savedCode !== editor.getCode()) editor.showCode(savedCode);
  }, [savedCode === undefined]);

  const resetCode = () => {
    editor.showCode(original);
    setInput('code', original);
  };

  return (
    <div class="lb-fn" ref={rootRef}>
      <StepCard step={functionStep} place={place} inputs={inputs} setInput={setInput} title={`Deploy the function ${functionName}`} runLabel="Deploy">
        <div class="lb-fn__code lb-cell" role="group" aria-label={`Function code: ${fileName}`}>
          <p class="lb-lab__label">{fileName}</p>
          {editor.view}
          <div class="lb-lab__toolbar">
            <button type="button" class="lb-button" onClick={resetCode}>
              Reset code
            </button>
            {editor.state === 'failed' && <span class="lb-lab__help">The editor could not load; Deploy still deploys the code shown.</span>}
          </div>
        </div>
        {inputs && <EnvironmentEditor initial={inputs.environment} onChange={(variables) => setInput('environment', variables)} />}
      </StepCard>
    </div>
  );
}

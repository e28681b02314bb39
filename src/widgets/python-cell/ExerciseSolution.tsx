// The solution an instructor wrote beside an exercise, behind a button. It opens at once
// after a run that failed its checks; before any failed run, the first press asks the
// student to try first and a second press opens it. Seeing it is recorded.
import { useState } from 'preact/hooks';

export interface ExerciseSolutionProps {
  solution: string;
  failedRun: boolean;
  shown: boolean;
  onShow: () => void;
}

export function ExerciseSolution({ solution, failedRun, shown, onShow }: ExerciseSolutionProps) {
  const [askedOnce, setAskedOnce] = useState(false);
  if (shown) {
    return (
      <div class="lb-exercise__solution">
        <p class="lb-exercise__solution-title">Solution</p>
        <pre tabIndex={0}>
          <code>{solution}</code>
        </pre>
      </div>
    );
  }
  const press = () => {
    if (failedRun || askedOnce) onShow();
    else setAskedOnce(true);
  };
  return (
    <div class="lb-exercise__solution">
      <button type="button" class="lb-button" onClick={press}>
        Show solution
      </button>
      <p class="lb-exercise__solution-note" aria-live="polite">
        {askedOnce && 'Run your code first: the checks say what is missing. Press Show solution again to see it anyway.'}
      </p>
    </div>
  );
}

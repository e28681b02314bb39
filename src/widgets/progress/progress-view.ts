// The Progress widget in the browser: the list Progress.astro rendered, kept up to date in
// plain DOM with what this browser knows (the target, which checks passed where). No Preact
// and no SDK as the page opens; Check again loads the code that runs a check (check-run.tsx),
// the check's own code and the SDK then.
import { useSandbox } from '../../cloud/target-sandbox.ts';
import { $target, targetKey, type Target } from '../../cloud/target-state.ts';
import { CHECK_NOT_LOADED, CHECK_NOT_LOADED_HINT, checkNotLoadedMessage } from '../../steps/check-not-loaded.ts';
import { checkProgress } from '../../steps/check-progress.ts';
import { otherTargetsWithProgress, passedChecks } from '../../steps/progress.ts';
import { localStorageOrMemory } from '../../steps/target-records.ts';
import type { DeclaredChapter } from '../../steps/declared/declared-step.ts';
import { openTargetPanel } from '../target-panel/open-target-panel.ts';
import { targetNotice } from '../target-panel/target-summary.ts';
import { readProgress } from '../python-cell/exercise-storage.ts';
import { doneText, exerciseText, otherTargetText, summaryText } from './progress-text.ts';

const storage = localStorageOrMemory();
const progress = checkProgress(storage);

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  made.className = className;
  made.textContent = text;
  return made;
}

function showNotice(notice: HTMLElement, target: Target): void {
  const said = targetNotice(target);
  notice.hidden = !said;
  if (!said) return;
  notice.setAttribute('role', 'note');
  notice.replaceChildren(said.text);
  const { fix } = said;
  if (!fix) return;
  const button = element('button', fix.primary ? 'lb-button lb-button--primary' : 'lb-button', fix.label);
  button.type = 'button';
  button.addEventListener('click', () => (fix.action === 'use-sandbox' ? void useSandbox() : openTargetPanel()));
  notice.append(button);
}

/** A row's status line while its run's code loads, as the run itself words its first step. */
function showLoading(run: HTMLElement): void {
  const status = element('p', 'lb-lab__status');
  status.setAttribute('role', 'status');
  status.dataset.tone = 'busy';
  status.append(element('span', 'lb-lab__progress', 'Loading the check…'));
  run.replaceChildren(status);
}

/** What a failed run says (OperationStatus.tsx's failure), when its code never arrived. */
function showNotLoaded(run: HTMLElement, error: unknown): void {
  const failure = element('div', 'lb-lab__failure');
  failure.setAttribute('role', 'alert');
  const what = document.createElement('p');
  what.append(element('strong', 'lb-lab__error-code', CHECK_NOT_LOADED), ': ', element('span', 'lb-lab__error-message', checkNotLoadedMessage(error)));
  failure.append(what, element('p', 'lb-lab__hint', CHECK_NOT_LOADED_HINT));
  run.replaceChildren(failure);
}

let checkRunLoaded: Promise<typeof import('./check-run.tsx')> | undefined;

function loadCheckRun(): Promise<typeof import('./check-run.tsx')> {
  checkRunLoaded ??= import('./check-run.tsx').catch((error: unknown) => {
    // A load that failed (the server gone, a new build) is tried again on the next press.
    checkRunLoaded = undefined;
    throw error;
  });
  return checkRunLoaded;
}

function startProgressView(section: HTMLElement): void {
  const rows = [...section.querySelectorAll<HTMLLIElement>('li[data-check]')];
  const notice = section.querySelector<HTMLElement>('[data-lb-progress-notice]')!;
  const summary = section.querySelector<HTMLElement>('.lb-progress__summary')!;
  const others = section.querySelector<HTMLElement>('.lb-progress__others')!;
  const running = new Set<string>();
  /** Presses of Check again per row; a row's run (check-run.tsx) starts a run for each new one. */
  const runs = new Map<string, number>();

  const show = (target: Target) => {
    const key = target.identity ? targetKey(target) : undefined;
    const done = key === undefined ? {} : passedChecks(progress, key);
    let doneCount = 0;
    for (const row of rows) {
      const id = row.dataset.check!;
      const passed = Object.hasOwn(done, id) ? done[id] : undefined;
      if (passed) doneCount++;
      row.dataset.done = String(Boolean(passed));
      row.querySelector('.lb-lab__mark')!.textContent = passed ? '✓' : '○';
      const when = row.querySelector('[data-lb-when]')!;
      when.className = passed ? 'lb-lab__done' : 'lb-progress__not-done';
      when.textContent = doneText(passed);
      row.querySelector('button')!.setAttribute('aria-disabled', String(target.status !== 'ready' || running.has(id)));
    }
    showNotice(notice, target);
    summary.hidden = key === undefined;
    if (key !== undefined) summary.textContent = summaryText(key, doneCount, rows.length);
    // Other targets are found by the storage's keys; storage in memory (switched off) holds none.
    const elsewhere = storage instanceof Storage ? otherTargetsWithProgress(storage, progress, key) : [];
    others.hidden = elsewhere.length === 0;
    others.querySelector('ul')!.replaceChildren(...elsewhere.map((other) => element('li', '', otherTargetText(other, rows.length))));
  };

  const checkAgain = async (row: HTMLLIElement) => {
    const id = row.dataset.check!;
    const run = row.querySelector<HTMLElement>('.lb-progress__run')!;
    running.add(id);
    show($target.get());
    // Until its run is rendered, the row says the code is loading; after, the run says what it does.
    if (!runs.has(id)) showLoading(run);
    const finished = () => {
      running.delete(id);
      show($target.get());
    };
    try {
      const { showCheckRun } = await loadCheckRun();
      // The loading line (or an earlier failure to load) gives way to the run's own status.
      if (!runs.has(id)) run.replaceChildren();
      runs.set(id, (runs.get(id) ?? 0) + 1);
      // A chapter's check of its declared resources carries the chapter's data (Progress.astro).
      const declared = row.dataset.declared === undefined ? undefined : (JSON.parse(row.dataset.declared) as DeclaredChapter);
      showCheckRun(run, { id, declared, runs: runs.get(id)!, onFinished: finished });
    } catch (error) {
      showNotLoaded(run, error);
      finished();
    }
  };

  const exercises = [...section.querySelectorAll<HTMLLIElement>('li[data-exercise]')];
  const showExercises = () => {
    for (const row of exercises) {
      const solved = readProgress(storage, row.dataset.exercise!);
      row.dataset.done = String(solved.done);
      row.querySelector('.lb-lab__mark')!.textContent = solved.done ? '✓' : '○';
      const state = row.querySelector('[data-lb-exercise-state]')!;
      state.className = solved.done ? 'lb-lab__done' : 'lb-progress__not-done';
      state.textContent = exerciseText(solved);
    }
  };
  showExercises();
  // Solved in another tab.
  window.addEventListener('storage', showExercises);

  for (const row of rows) {
    const button = row.querySelector('button')!;
    button.addEventListener('click', () => button.getAttribute('aria-disabled') !== 'true' && void checkAgain(row));
  }
  $target.subscribe(show);
  // Its buttons work from now on (the browser tests wait for this, as for an island's hydration).
  section.dataset.lbReady = '';
}

for (const section of document.querySelectorAll<HTMLElement>('[data-lb-progress]')) startProgressView(section);

// Marks a chapter in the sidebar as complete once every check its `lab:` block names has
// passed in the current target and every exercise it names is solved (route-middleware.ts
// puts the ids on the link). Plain DOM: it runs on every page (page.ts).
import { $target, targetKey } from '../../cloud/target-state.ts';
import { checkProgress } from '../../steps/check-progress.ts';
import { localStorageOrMemory } from '../../steps/target-records.ts';
import { readProgress } from '../../widgets/python-cell/exercise-storage.ts';
import { COMPLETION_ATTRIBUTE } from './completion-attribute.ts';

interface Completion {
  checks: string[];
  exercises: string[];
}

/** A tick to see, and words for a screen reader. */
function completeNote(): HTMLSpanElement {
  const note = document.createElement('span');
  note.className = 'lb-sidebar-complete';
  const tick = document.createElement('span');
  tick.ariaHidden = 'true';
  tick.textContent = '✓';
  const words = document.createElement('span');
  words.className = 'sr-only';
  words.textContent = ' (complete)';
  note.append(tick, words);
  return note;
}

function mark(key: string): void {
  const passed = checkProgress(localStorageOrMemory()).all(key);
  for (const link of document.querySelectorAll<HTMLAnchorElement>(`a[${COMPLETION_ATTRIBUTE}]`)) {
    let completion: Completion;
    try {
      completion = JSON.parse(link.getAttribute(COMPLETION_ATTRIBUTE) ?? '') as Completion;
    } catch {
      continue;
    }
    const complete = completion.checks.every((id) => passed[id]?.done === true) && completion.exercises.every((id) => readProgress(localStorage, id).done);
    link.toggleAttribute('data-lb-complete', complete);
    const note = link.querySelector('.lb-sidebar-complete');
    if (complete && !note) link.append(completeNote());
    else if (!complete) note?.remove();
  }
}

let current = '';
$target.subscribe((target) => mark((current = targetKey(target))));
// Another tab solved an exercise or passed a check.
window.addEventListener('storage', () => mark(current));

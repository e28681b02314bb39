// The resources teardown found, in the order it deletes them: each one's name, what made it,
// whether labbook made it (here, or elsewhere as its tags say) or it was found under the lab's name, what it costs if left, and,
// during and after a deletion, its state (waiting, deleting, gone, or AWS's error).
import { deletable, type ItemState, type Leftover } from '../../steps/teardown.ts';

const ORIGIN_TEXT: Record<Leftover['origin'], string> = {
  made: 'made by labbook',
  tagged: 'made by labbook, found by its tags',
  untagged: 'made outside labbook — matched by name',
  found: 'found with the lab’s name',
};

const STATE_TEXT: Record<ItemState['state'], string> = {
  waiting: 'Waiting',
  deleting: 'Deleting…',
  gone: 'Gone',
  failed: 'Failed',
  'not-tried': 'Not tried: the run stopped before it',
};

function CostText({ leftover, sandbox }: { leftover: Leftover; sandbox: boolean }) {
  if (leftover.lookupFailure) {
    return (
      <p class="lb-teardown__cost">
        Could not look it up: {leftover.lookupFailure.code}: {leftover.lookupFailure.message}
      </p>
    );
  }
  if (!leftover.cost) return <p class="lb-teardown__cost">labbook cannot look this up any more: delete it where it was made, then Forget it here.</p>;
  if (sandbox) return <p class="lb-teardown__cost">Free in the sandbox. On AWS: {leftover.cost.text}</p>;
  return (
    <p class="lb-teardown__cost" data-hourly={leftover.cost.hourly}>
      {leftover.cost.hourly && <strong>Bills every hour. </strong>}
      {leftover.cost.text}
    </p>
  );
}

function StateText({ state }: { state: ItemState | undefined }) {
  if (!state) return null;
  return (
    <p class="lb-teardown__state" data-state={state.state}>
      {STATE_TEXT[state.state]}
      {state.state === 'failed' && (
        <>
          {': '}
          <strong class="lb-lab__error-code">{state.failure.code}</strong>: <span class="lb-lab__error-message">{state.failure.message}</span>
          <span class="lb-lab__hint"> {state.failure.hint}</span>
        </>
      )}
    </p>
  );
}

export interface LeftoverListProps {
  leftovers: readonly Leftover[];
  states: ReadonlyMap<string, ItemState>;
  sandbox: boolean;
  busy: boolean;
  onDelete: (leftover: Leftover) => void;
  onForget: (leftover: Leftover) => void;
  /** Each chapter's sidebar label by its path, from the build (the sidebar is made from the chapters' frontmatter). */
  chapterLabels: Readonly<Record<string, string>>;
}

export function LeftoverList({ leftovers, states, sandbox, busy, onDelete, onForget, chapterLabels }: LeftoverListProps) {
  return (
    <ol class="lb-teardown__list" aria-label="What is left, in the order it is deleted">
      {leftovers.map((leftover) => (
        <li key={leftover.id} class="lb-teardown__item" data-leftover={leftover.id}>
          <div class="lb-teardown__head">
            <code class="lb-teardown__name">{leftover.name}</code>
            <span class="lb-teardown__origin" data-origin={leftover.origin}>
              {ORIGIN_TEXT[leftover.origin]}
            </span>
            {deletable(leftover) ? (
              <button type="button" class="lb-button" aria-disabled={busy} aria-label={`Delete ${leftover.name}`} onClick={() => !busy && onDelete(leftover)}>
                Delete
              </button>
            ) : (
              <button type="button" class="lb-button" aria-disabled={busy} aria-label={`Forget ${leftover.name}`} onClick={() => !busy && onForget(leftover)}>
                Forget
              </button>
            )}
          </div>
          <p class="lb-teardown__what">
            {leftover.title}
            {leftover.page && (
              <>
                {' '}
                (on <a href={leftover.page}>{chapterLabels[leftover.page] ?? leftover.page}</a>)
              </>
            )}
          </p>
          <CostText leftover={leftover} sandbox={sandbox} />
          <StateText state={states.get(leftover.id)} />
        </li>
      ))}
    </ol>
  );
}

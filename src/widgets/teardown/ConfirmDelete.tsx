// Asks before deleting, in the page (no browser dialog): names every resource that will go,
// says it cannot be undone, and takes the focus so Enter or Escape answers at once.
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Leftover } from '../../steps/teardown.ts';

export function ConfirmDelete({
  leftovers,
  where,
  onConfirm,
  onCancel,
}: {
  leftovers: readonly Leftover[];
  where: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => confirm.current?.focus(), []);
  const count = leftovers.length === 1 ? 'this resource' : `these ${leftovers.length} resources`;
  return (
    <div class="lb-teardown__confirm" role="group" aria-labelledby={id} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <p id={id}>
        Delete {count} from {where}, for good? Tables lose their items, and nothing can be brought back.
      </p>
      <ul class="lb-teardown__confirm-names">
        {leftovers.map((leftover) => (
          <li key={leftover.id}>
            <code>{leftover.name}</code> ({leftover.title})
          </li>
        ))}
      </ul>
      <div class="lb-lab__toolbar">
        <button ref={confirm} type="button" class="lb-button lb-button--primary" onClick={onConfirm}>
          Delete {leftovers.length === 1 ? 'it' : `all ${leftovers.length}`}
        </button>
        <button type="button" class="lb-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

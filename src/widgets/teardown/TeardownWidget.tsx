// Teardown: looks for everything labbook made in the current target (and anything under the
// lab's names), shows what each costs if left, and deletes it all, or one at a time, after
// asking. Deletion follows the reverse of the lab's order with a state per resource; a
// failure does not stop the rest, and running it again picks up what is left.
import { useStore } from '@nanostores/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { STEPS } from '../../steps/catalogue.ts';
import { declaredSteps, type DeclaredResource } from '../../steps/declared/declared-step.ts';
import { isSandbox } from '../../steps/costs.ts';
import { describeTargetKey } from '../target-panel/target-summary.ts';
import { deletable, findLeftovers, forgetLeftover, tearDown, type ItemState, type Leftover } from '../../steps/teardown.ts';
import { browserMadeRecords } from '../lab-step/browser-step-context.ts';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { usePlace } from '../lab-step/use-place.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { LeftoverList } from './LeftoverList.tsx';

/** `declared`: every chapter's declared resources, removed before the lab's own (the reverse of the order they come in). */
export default function TeardownWidget({
  title,
  chapterLabels,
  declared,
}: {
  title: string;
  chapterLabels: Record<string, string>;
  declared: DeclaredResource[];
}) {
  const steps = useMemo(() => [...STEPS, ...declared.flatMap(declaredSteps)], [declared]);
  const target = useTarget();
  const place = usePlace();
  const records = browserMadeRecords();
  useStore(records.version);
  const { op, run, stop } = useOperation();
  const [leftovers, setLeftovers] = useState<Leftover[]>();
  const [states, setStates] = useState<ReadonlyMap<string, ItemState>>(new Map());
  const [deleted, setDeleted] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<Leftover[]>();

  const ready = target?.status === 'ready' && place !== undefined;
  const targetKey = ready ? place.targetKey : undefined;
  const where = place ? describeTargetKey(place.targetKey) : 'this target';

  const look = async () => {
    setDeleted([]);
    const found = await run((ctx) => findLeftovers(ctx, records, steps));
    if (found) setLeftovers(found);
  };

  // Look as soon as the target is known, and again when it changes.
  useEffect(() => {
    setLeftovers(undefined);
    setStates(new Map());
    if (targetKey) void look();
  }, [targetKey]);

  const remove = async (chosen: Leftover[]) => {
    setConfirming(undefined);
    setDeleted([]);
    const result = await run(async (ctx) => {
      const final = await tearDown(ctx, chosen, records, (id, state) => setStates((now) => new Map(now).set(id, state)));
      return { final, left: await findLeftovers(ctx, records, steps) };
    });
    if (!result) return;
    setDeleted(chosen.filter((leftover) => result.final.get(leftover.id)?.state === 'gone').map((leftover) => leftover.name));
    setLeftovers(result.left);
  };

  const forget = (leftover: Leftover) => {
    if (!place) return;
    forgetLeftover(place.targetKey, leftover, records);
    setLeftovers((now) => now?.filter((other) => other.id !== leftover.id));
  };

  const toDelete = leftovers?.filter(deletable) ?? [];
  const busy = op.running;
  return (
    <section class="lb-lab lb-teardown not-content" aria-label={title}>
      <p class="lb-lab__title">{title}</p>
      <TargetNotice target={target} />
      {ready && <p class="lb-teardown__where">Looking in {where}.</p>}
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!ready || busy} onClick={() => ready && !busy && void look()}>
          Look again
        </button>
        <button
          type="button"
          class="lb-button lb-button--primary"
          aria-disabled={!ready || busy || toDelete.length === 0}
          onClick={() => ready && !busy && toDelete.length > 0 && setConfirming(toDelete)}
        >
          Delete all…
        </button>
        <button type="button" class="lb-button" aria-disabled={!busy} onClick={stop}>
          Stop
        </button>
      </div>
      {confirming && <ConfirmDelete leftovers={confirming} where={where} onConfirm={() => void remove(confirming)} onCancel={() => setConfirming(undefined)} />}
      <OperationStatus op={op} />
      {deleted.length > 0 && !busy && (
        <p class="lb-teardown__deleted" role="status">
          Deleted: {deleted.join(', ')}.
        </p>
      )}
      {leftovers && leftovers.length === 0 && !busy && (
        <p class="lb-teardown__nothing" role="status">
          Nothing left in {where}: nothing labbook made, and nothing under the lab’s names.
        </p>
      )}
      {leftovers && leftovers.length > 0 && (
        <LeftoverList
          leftovers={leftovers}
          states={states}
          sandbox={place ? isSandbox(place) : false}
          busy={busy}
          onDelete={(leftover) => setConfirming([leftover])}
          onForget={forget}
          chapterLabels={chapterLabels}
        />
      )}
      <RecordedCalls calls={op.calls} />
    </section>
  );
}

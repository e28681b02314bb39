// The Table widget: the step that creates the table, and the browser for its items; or the
// browser alone, for a table another step makes (a chapter's declared table, say).
import { useEffect, useState } from 'preact/hooks';
import type { TableInputs } from '../../steps/resources/dynamodb-table.ts';
import { recordId } from '../../steps/runner.ts';
import { tableStep } from '../../steps/task-8-1/table.ts';
import { browserMadeRecords } from '../lab-step/browser-step-context.ts';
import { StepCard } from '../lab-step/StepCard.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useStepInputs } from '../lab-step/use-step-inputs.ts';
import { ItemBrowser } from './ItemBrowser.tsx';

export default function TableWidget({ tableName, create }: { tableName: string; create: boolean }) {
  return create ? <TableWithStep tableName={tableName} /> : <ItemBrowser tableName={tableName} place={usePlace()} scanRequest={0} />;
}

function TableWithStep({ tableName }: { tableName: string }) {
  const place = usePlace();
  const [inputs, setInput] = useStepInputs<TableInputs>(tableStep, place, { tableName });
  const [scanRequest, setScanRequest] = useState(0);
  const name = inputs?.tableName ?? tableName;

  // A table labbook made earlier (before a reload, say) is listed at once.
  useEffect(() => {
    if (place && browserMadeRecords().get(place.targetKey, recordId(tableStep, name))?.state === 'ready') setScanRequest((n) => n + 1);
  }, [place?.targetKey]);

  return (
    <div class="lb-table-widget">
      <StepCard step={tableStep} place={place} inputs={inputs} setInput={setInput} onResult={() => setScanRequest((n) => n + 1)} />
      <ItemBrowser tableName={name} place={place} scanRequest={scanRequest} />
    </div>
  );
}

// The same work written several ways (bash, PowerShell, cmd; later e.g. Python with boto3), one
// tab each, with a Copy button for the tab shown. The tabs are synced by `syncKey` with every
// other group of that key, Starlight's <Tabs syncKey> in the chapters included, and follow the
// WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs.
import { useStore } from '@nanostores/preact';
import { useId, useRef } from 'preact/hooks';
import { chooseSyncedTab, syncedTabChoice } from '../shared/synced-tabs.ts';
import { CopyButton } from './CopyButton.tsx';

export interface Rendering {
  /** The tab's label; the same label in a chapter's synced tabs is the same choice. */
  label: string;
  text: string;
}

export function Renderings({ renderings, syncKey }: { renderings: readonly Rendering[]; syncKey: string }) {
  const id = useId();
  const chosen = useStore(syncedTabChoice(syncKey));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    renderings.findIndex((r) => r.label === chosen),
  );
  const choose = (next: number) => {
    chooseSyncedTab(syncKey, renderings[next].label);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = renderings.length - 1;
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: last }[event.key];
    if (next === undefined || next < 0 || next > last) return;
    event.preventDefault();
    choose(next);
  };
  return (
    <div class="lb-renderings">
      <div role="tablist" class="lb-renderings__tabs" onKeyDown={onKeyDown}>
        {renderings.map((r, i) => (
          <button
            key={r.label}
            ref={(el) => void (tabs.current[i] = el)}
            type="button"
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === index}
            aria-controls={`${id}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => choose(i)}
          >
            {r.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${index}`}>
        <pre class="lb-output-text" tabIndex={0}>
          <code>{renderings[index].text}</code>
        </pre>
        <CopyButton text={renderings[index].text} />
      </div>
    </div>
  );
}

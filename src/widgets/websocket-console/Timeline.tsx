// A session's frames and events, oldest first: direction, time since the session began,
// size, and the content as text (indented JSON when it is JSON). Never markup.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { byteSize, relativeTime, shownContent, type Direction, type TimelineEntry } from './timeline.ts';

const DIRECTION_LABEL: Record<Direction, string> = { sent: 'Sent', received: 'Received', system: 'Event' };
const DIRECTION_MARK: Record<Direction, string> = { sent: '↑', received: '↓', system: '•' };

export function Timeline({ entries, startedAt, label }: { entries: TimelineEntry[]; startedAt: number | undefined; label: string }) {
  const list = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  // Like a terminal: new entries stay in view unless the student has scrolled up to read.
  useLayoutEffect(() => {
    if (list.current && following.current) list.current.scrollTop = list.current.scrollHeight;
  }, [entries]);
  const onScroll = () => {
    const el = list.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  if (entries.length === 0) return <p class="lb-lab__help">Nothing yet: connect, then send a message.</p>;
  return (
    // Focusable, so the timeline scrolls from the keyboard.
    <ol class="lb-wsc__timeline" aria-label={label} tabIndex={0} ref={list} onScroll={onScroll}>
      {entries.map((entry) => {
        const content = shownContent(entry);
        return (
          <li key={entry.id} class="lb-wsc__entry" data-direction={entry.direction}>
            <p class="lb-wsc__meta">
              <span class="lb-wsc__direction">
                <span aria-hidden="true">{DIRECTION_MARK[entry.direction]} </span>
                {DIRECTION_LABEL[entry.direction]}
              </span>
              <span class="lb-wsc__time">{relativeTime(entry.at, startedAt ?? entry.at)}</span>
              {entry.bytes !== undefined && <span class="lb-wsc__size">{byteSize(entry.bytes)}</span>}
              {content.json && <span class="lb-wsc__kind">JSON</span>}
              {entry.binary && <span class="lb-wsc__kind">binary, hex</span>}
            </p>
            {entry.direction === 'system' ? <p class="lb-wsc__event">{entry.text}</p> : <pre class="lb-wsc__content">{content.text}</pre>}
          </li>
        );
      })}
    </ol>
  );
}

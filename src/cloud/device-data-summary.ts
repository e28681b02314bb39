// What labbook keeps in this browser, by what it is for, so the student can see it before
// erasing it (the Target panel). A key no group names still counts, under "Other".
import { hasStoredSnapshot, labbookKeys, storages } from './device-data.ts';

const GROUPS: Array<{ label: string; matches: (key: string) => boolean }> = [
  { label: 'Credentials and the choice of target', matches: (key) => key === 'labbook:target' || key === 'labbook:sandbox-chosen' },
  { label: 'Your code, settings and drafts in cells, steps and consoles', matches: (key) => /^labbook:(cell|step-inputs|websocket-console):/.test(key) },
  { label: 'Progress: exercises done and checks passed', matches: (key) => /^labbook:(exercise|checks):/.test(key) },
  { label: 'Records of what the steps made, per target', matches: (key) => key.startsWith('labbook:made:') },
  { label: 'The request client’s history and draft', matches: (key) => key.startsWith('labbook:request-client:') },
  {
    label: 'Summaries for the lab report: WebSocket sessions, the flight map’s last positions',
    matches: (key) => key === 'labbook:websocket-sessions' || key.startsWith('labbook:flight-map:'),
  },
];

export interface KeptGroup {
  label: string;
  count: number;
}

/** Python's start-up state, kept so a chapter's Python is ready sooner (python-cell/stored-snapshot.ts). */
export const PYTHON_COPY_LABEL = 'A copy of Python’s start-up state, made again when needed';

/** What is kept now, by group, leaving out empty groups. */
export async function keptOnThisDevice(): Promise<KeptGroup[]> {
  const keys = storages().flatMap(labbookKeys);
  const groups = GROUPS.map(({ label, matches }) => ({ label, count: keys.filter(matches).length }));
  const other = keys.filter((key) => !GROUPS.some(({ matches }) => matches(key))).length;
  const python = { label: PYTHON_COPY_LABEL, count: (await hasStoredSnapshot()) ? 1 : 0 };
  return [...groups, python, { label: 'Other', count: other }].filter((group) => group.count > 0);
}

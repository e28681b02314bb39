// A lab report a student can hand in: what was checked (run again as the report is made),
// what the steps made, and which exercises are solved, as Markdown to commit as-is and as
// JSON. It holds names, ARNs, addresses and findings, never credentials: nothing here reads
// them, and an AWS account id is masked wherever it appears.
import type { Finding } from '../steps/model.ts';
import type { LastMap } from '../widgets/flight-map/last-map.ts';
import type { SessionRecord } from '../widgets/websocket-console/session-record.ts';
import { mapDataUri } from './map-picture.ts';
import type { ReportRequest } from './request-summary.ts';

export interface ReportTarget {
  kind: 'sandbox' | 'aws';
  account: string;
  region: string;
}

export interface ReportCheck {
  id: string;
  title: string;
  passed: boolean;
  findings: Finding[];
  /** ISO time of the last passing run, this one included. */
  passedAt?: string;
}

export interface ReportResource {
  /** The step's title, e.g. "Create the DynamoDB table". */
  step: string;
  name: string;
  arn?: string;
  url?: string;
  origin: 'created' | 'adopted';
  state: 'creating' | 'ready';
  at: string;
  /** The code a function runs, as deployed from the page. */
  source?: { file: string; code: string };
}

export interface ReportExercise {
  id: string;
  done: boolean;
  solutionShown: boolean;
}

export interface ReportChapter {
  title: string;
  checks: ReportCheck[];
  exercises: ReportExercise[];
}

export interface LabReport {
  generatedAt: string;
  labbookVersion: string;
  target: ReportTarget;
  chapters: ReportChapter[];
  resources: ReportResource[];
  /** The request client's last requests in this tab, newest first. */
  requests: ReportRequest[];
  /** The WebSocket console's last sessions on this device, newest first. */
  webSocketSessions: SessionRecord[];
  /** The flight map's last picture on this device. */
  flightMap?: LastMap;
}

/** `123456789012` → `12••••••9012`: enough to tell accounts apart, not to name one. */
export const maskAccount = (account: string) => (/^\d{12}$/.test(account) ? `${account.slice(0, 2)}••••••${account.slice(-4)}` : account);

/**
 * The report with the given secrets, and anything shaped like an AWS access key id, replaced
 * wherever they appear: a student may have pasted their keys into a function's code or a
 * request. Access key ids are AKIA… (long-term) or ASIA… (temporary) and 20 characters (IAM
 * User Guide, "Understanding unique ID prefixes").
 */
export function withoutSecrets(report: LabReport, secrets: readonly string[]): LabReport {
  let text = JSON.stringify(report);
  for (const secret of secrets.filter((s) => s.length >= 8)) text = text.replaceAll(JSON.stringify(secret).slice(1, -1), '[redacted]');
  return JSON.parse(text.replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '[redacted]')) as LabReport;
}

/** The report with an AWS account id masked in every string it holds (ARNs, findings); the sandbox's account is no one's. */
export function masked(report: LabReport): LabReport {
  const { account, kind } = report.target;
  if (kind !== 'aws' || !/^\d{12}$/.test(account)) return report;
  return JSON.parse(JSON.stringify(report).replaceAll(account, maskAccount(account))) as LabReport;
}

/**
 * Text safe in the middle of a Markdown line or a table cell: no line breaks, no HTML or
 * entity, and what would start emphasis, code, a link or a new cell escaped (CommonMark 2.4:
 * any ASCII punctuation may be backslash-escaped).
 */
export function inline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]|<>~]/g, '\\$&');
}

/**
 * A code span, also inside a table cell: one line, `|` escaped (GFM 0.29 §4.10: a pipe in a
 * cell is escaped even inside a code span), fenced by more backticks than the text holds in a row.
 */
function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');

function targetLine({ kind, account, region }: ReportTarget): string {
  return kind === 'sandbox' ? `the local sandbox (account ${code(account)}), ${code(region)}` : `AWS account ${code(account)}, ${code(region)}`;
}

function checkLines(check: ReportCheck): string[] {
  const status = check.passed ? `passed ${when(check.passedAt ?? '')}` : 'not passing';
  return [
    `### ${mark(check.passed)} ${inline(check.title)}: ${status}`,
    '',
    ...check.findings.map((finding) => `- ${mark(finding.ok)} ${inline(finding.label)}: ${inline(finding.detail)}`),
    '',
  ];
}

function exerciseTable(exercises: readonly ReportExercise[]): string[] {
  if (exercises.length === 0) return [];
  return [
    '| Exercise | Solved | Solution shown |',
    '| --- | --- | --- |',
    ...exercises.map((e) => `| ${code(e.id)} | ${e.done ? 'yes' : 'no'} | ${e.solutionShown ? 'yes' : 'no'} |`),
    '',
  ];
}

function resourceTable(resources: readonly ReportResource[]): string[] {
  if (resources.length === 0) return ['Nothing made from the workbook in this target.', ''];
  return [
    '| Step | Name | ARN | Address | Made |',
    '| --- | --- | --- | --- | --- |',
    ...resources.map(
      (r) =>
        `| ${inline(r.step)} | ${code(r.name)} | ${r.arn ? code(r.arn) : ''} | ${r.url ? code(r.url) : ''} | ${r.origin}${r.state === 'creating' ? ', not seen ready' : ''}, ${when(r.at)} |`,
    ),
    '',
  ];
}

/** Each deployed function's code in a fenced block, fenced by more backticks than the code holds in a row (CommonMark 4.5). */
function sourceBlocks(resources: readonly ReportResource[]): string[] {
  const deployed = resources.filter((resource) => resource.source);
  if (deployed.length === 0) return ['No function deployed from the workbook in this target.', ''];
  return deployed.flatMap(({ name, source }) => {
    const fence = '`'.repeat(Math.max(2, ...(source!.code.match(/`+/g) ?? []).map((run) => run.length)) + 1);
    const language = source!.file.endsWith('.py') ? 'python' : source!.file.endsWith('.mjs') || source!.file.endsWith('.js') ? 'javascript' : '';
    return [`### ${code(name)}, ${code(source!.file)}`, '', `${fence}${language}`, source!.code.replace(/\n$/, ''), fence, ''];
  });
}

function requestTable(requests: readonly ReportRequest[]): string[] {
  if (requests.length === 0) return ['No request sent from the request client in this tab.', ''];
  return [
    '| Sent | Request | Status | Body |',
    '| --- | --- | --- | --- |',
    ...requests.map((r) => `| ${when(r.at)} | ${code(`${r.method} ${r.url}`)} | ${inline(r.status)} | ${r.bodyPreview ? code(r.bodyPreview) : ''} |`),
    '',
  ];
}

function sessionTable(sessions: readonly SessionRecord[]): string[] {
  if (sessions.length === 0) return ['No WebSocket session kept on this device.', ''];
  return [
    '| URL | Connected | Closed | Sent | Received | Close code |',
    '| --- | --- | --- | --- | --- | --- |',
    ...sessions.map(
      (s) =>
        `| ${code(s.url)} | ${s.connectedAt ? when(s.connectedAt) : 'never (the handshake failed)'} | ${s.closedAt ? when(s.closedAt) : 'still open'} | ${s.sent} | ${s.received} | ${s.closeCode ?? ''} |`,
    ),
    '',
  ];
}

function flightMapLines(map: LastMap | undefined): string[] {
  if (!map) return ['The flight map has not drawn a batch on this device.', ''];
  const landed = map.aircraft.filter((a) => a.status === 'landed').length;
  const around = inline(map.airport || 'the airport');
  return [
    // Alt text of fixed words: Markdown renderers differ on escapes inside it.
    `![Flight map, ${when(map.at)}](${mapDataUri(map)})`,
    '',
    `${map.aircraft.length} aircraft (${map.aircraft.length - landed} flying, ${landed} landed) around ${around}, last batch ${when(map.at)}.`,
    '',
  ];
}

/** The report as Markdown, for a repository. */
export function reportMarkdown(report: LabReport): string {
  const shown = masked(report);
  return [
    '# Lab report',
    '',
    `- Made: ${when(shown.generatedAt)}, by labbook ${shown.labbookVersion}`,
    `- Target: ${targetLine(shown.target)}`,
    '- Checks were run again as this report was made.',
    '',
    ...shown.chapters.flatMap((chapter) => [`## ${inline(chapter.title)}`, '', ...chapter.checks.flatMap(checkLines), ...exerciseTable(chapter.exercises)]),
    '## Resources',
    '',
    ...resourceTable(shown.resources),
    '## Functions’ code',
    '',
    ...sourceBlocks(shown.resources),
    '## Last requests',
    '',
    ...requestTable(shown.requests),
    '## WebSocket sessions',
    '',
    ...sessionTable(shown.webSocketSessions),
    '## Flight map',
    '',
    ...flightMapLines(shown.flightMap),
  ].join('\n');
}

/** The same report as JSON, for tools. */
export function reportJson(report: LabReport): string {
  const shown = masked(report);
  const flightMap = shown.flightMap && { ...shown.flightMap, picture: mapDataUri(shown.flightMap) };
  return JSON.stringify({ ...shown, flightMap }, null, 2) + '\n';
}

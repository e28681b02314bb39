// Gathers the lab report in the page, for the current target: runs each chapter's checks
// again (recording a pass as Check my work does), and reads from this browser's records what
// the steps made, which exercises are solved, the request client's last requests (this
// tab's), the WebSocket console's last sessions and the flight map's last picture.
import { $target } from '../cloud/target-state.ts';
import { checkById, stepById } from '../steps/catalogue.ts';
import { runCheck, type Check } from '../steps/checks.ts';
import { declaredCheckId } from '../steps/declared/declared-check.ts';
import { declaredCheck, type DeclaredChapter } from '../steps/declared/declared-step.ts';
import { SEQUENCES, sequenceInputs } from '../steps/sequences.ts';
import { browserCheckProgress, browserMadeRecords, browserStepContext } from '../widgets/lab-step/browser-step-context.ts';
import { loadLastMap } from '../widgets/flight-map/last-map.ts';
import { readProgress } from '../widgets/python-cell/exercise-storage.ts';
import { loadHistory } from '../widgets/request-client/request-history.ts';
import { urlWithoutCredentials } from '../widgets/shared/url-without-credentials.ts';
import { loadSessionRecords } from '../widgets/websocket-console/session-record.ts';
import { withoutSecrets, type LabReport, type ReportChapter, type ReportResource } from './lab-report.ts';
import { reportRequests } from './request-summary.ts';

/** A chapter as its `lab:` block declares it: what completes it. */
export interface ChapterPlan {
  title: string;
  checks: readonly string[];
  exercises: readonly string[];
  /** The chapters whose declared-resources checks (`<slug>/resources`) are among `checks`. */
  declared?: readonly DeclaredChapter[];
}

/** The check `id` names: the lab's, or a declared chapter's check of its resources. */
function checkOf(id: string, plan: ChapterPlan): Check | undefined {
  const declared = plan.declared?.find((chapter) => declaredCheckId(chapter.slug) === id);
  return declared ? declaredCheck(declared) : checkById(id);
}

export async function collectReport(chapters: readonly ChapterPlan[], labbookVersion: string): Promise<LabReport> {
  const ctx = await browserStepContext({ record: () => undefined, progress: () => undefined });
  const progress = browserCheckProgress();
  const reportChapters: ReportChapter[] = [];
  for (const chapter of chapters) {
    const checks = [];
    for (const id of chapter.checks) {
      const check = checkOf(id, chapter);
      if (!check) continue;
      const { passed, findings } = await runCheck(check, ctx, progress);
      checks.push({ id, title: check.title, passed, findings, passedAt: progress.get(ctx.targetKey, id)?.at });
    }
    const exercises = chapter.exercises.map((id) => {
      const solved = readProgress(localStorage, id);
      return { id, done: solved.done, solutionShown: solved.solutionShown === true };
    });
    reportChapters.push({ title: chapter.title, checks, exercises });
  }

  // Where the lab's APIs answer, under the lab's names, by the id of the step that finishes each.
  const addresses = new Map<string, string>();
  for (const sequence of SEQUENCES) {
    const last = sequence.steps.at(-1)!;
    const url = await sequence.addressOf(ctx, sequenceInputs(last, ctx)).catch(() => undefined);
    if (url) addresses.set(last.id, url);
  }
  const resources: ReportResource[] = Object.values(browserMadeRecords().all(ctx.targetKey)).map((made) => ({
    step: made.madeBy?.title ?? stepById(made.step)?.title ?? made.step,
    name: made.name,
    arn: made.arn,
    url: addresses.get(made.step),
    origin: made.origin,
    state: made.state,
    at: made.at,
    ...(made.source && { source: made.source }),
  }));

  const target = $target.get();
  const { accessKeyId = '', secretAccessKey = '', sessionToken = '' } = target.credentials ?? {};
  const report: LabReport = {
    generatedAt: new Date().toISOString(),
    labbookVersion,
    target: { kind: target.kind === 'sandbox' ? 'sandbox' : 'aws', account: ctx.account, region: ctx.region },
    chapters: reportChapters,
    resources,
    requests: reportRequests(loadHistory()),
    // The console keeps URLs made safe; made safe again here, whatever wrote the record.
    webSocketSessions: loadSessionRecords().map((session) => ({ ...session, url: urlWithoutCredentials(session.url) })),
    flightMap: loadLastMap(),
  };
  return withoutSecrets(report, [accessKeyId, secretAccessKey, sessionToken]);
}

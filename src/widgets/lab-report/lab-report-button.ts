// The lab report button's behaviour: on press, load the report's code, make the report for
// the current target, and save it (Markdown at once, JSON by link). User values reach the
// page only as file contents, never as markup.
import type { ChapterPlan } from '../../report/collect-report.ts';

async function makeReport(host: HTMLElement, status: HTMLElement, files: HTMLElement): Promise<void> {
  status.textContent = 'Running the checks again…';
  const [{ collectReport }, { reportMarkdown, reportJson }] = await Promise.all([
    import('../../report/collect-report.ts'),
    import('../../report/lab-report.ts'),
  ]);
  const chapters = JSON.parse(host.dataset.chapters ?? '[]') as ChapterPlan[];
  const report = await collectReport(chapters, host.dataset.version ?? '');
  const contents = { md: reportMarkdown(report), json: reportJson(report) };
  for (const link of files.querySelectorAll<HTMLAnchorElement>('a[data-format]')) {
    const format = link.dataset.format as keyof typeof contents;
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([contents[format]], { type: format === 'md' ? 'text/markdown' : 'application/json' }));
  }
  files.hidden = false;
  files.querySelector<HTMLAnchorElement>('a[data-format="md"]')!.click();
  const checks = report.chapters.flatMap((chapter) => chapter.checks);
  status.textContent = `Report made: ${checks.filter((check) => check.passed).length} of ${checks.length} checks pass now.`;
}

for (const host of document.querySelectorAll<HTMLElement>('[data-lb-lab-report]')) {
  const button = host.querySelector('button')!;
  const status = host.querySelector<HTMLElement>('.lb-lab-report__status')!;
  const files = host.querySelector<HTMLElement>('.lb-lab-report__files')!;
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    makeReport(host, status, files)
      .catch((error: unknown) => {
        status.textContent = error instanceof Error ? error.message : String(error);
      })
      .finally(() => button.removeAttribute('aria-disabled'));
  });
  // Until now a press did nothing: tests wait for this (page-errors.ts, hydrated).
  host.dataset.lbReady = '';
}

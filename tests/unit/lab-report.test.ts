// The lab report's Markdown and JSON: read back by a Markdown parser as the headings, lists
// and tables it means to be, whatever the names hold, and an AWS account id masked everywhere.
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';
import { reportJson, reportMarkdown, type LabReport } from '../../src/report/lab-report.ts';

const ACCOUNT = '123456789012';
const NASTY = 'a | b <script>alert(1)</script> *bold* [link](x) `tick`\nnext line & more';

const report = (kind: 'sandbox' | 'aws'): LabReport => ({
  generatedAt: '2026-12-04T10:15:00.000Z',
  labbookVersion: '0.1.0',
  target: { kind, account: ACCOUNT, region: 'us-east-1' },
  chapters: [
    {
      title: 'Task 8.1: a serverless CRUD app',
      checks: [
        {
          id: 'task-8-1/api',
          title: 'Task 8.1: the HTTP API',
          passed: true,
          passedAt: '2026-12-04T10:14:00.000Z',
          findings: [{ label: 'The API exists', ok: true, detail: NASTY }],
        },
        {
          id: 'task-8-1/table-and-function',
          title: 'Task 8.1: the table and the function',
          passed: false,
          findings: [{ label: 'The table exists', ok: false, detail: 'No table named x.' }],
        },
      ],
      exercises: [{ id: 'task-8-1-safe-handler', done: true, solutionShown: true }],
    },
  ],
  resources: [
    {
      step: 'Create the DynamoDB table',
      name: NASTY,
      arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`,
      origin: 'created',
      state: 'ready',
      at: '2026-12-04T10:00:00.000Z',
    },
    {
      step: 'Deploy the API',
      name: 'prod',
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
      origin: 'adopted',
      state: 'ready',
      at: '2026-12-04T10:01:00.000Z',
    },
  ],
});

/** Every token of a type, nested ones included, as GitHub-flavoured Markdown reads the text. */
function tokens<T extends Token>(markdown: string, type: string): T[] {
  const found: Token[] = [];
  void marked.walkTokens(marked.lexer(markdown, { gfm: true }), (token) => {
    if (token.type === type) found.push(token);
  });
  return found as T[];
}

describe('the lab report as Markdown', () => {
  test('parses into its headings, findings and tables; names stay text in one cell', () => {
    const markdown = reportMarkdown(report('sandbox'));
    expect(tokens<Tokens.Heading>(markdown, 'heading').map((h) => `${h.depth} ${h.text}`)).toEqual([
      '1 Lab report',
      '2 Task 8.1: a serverless CRUD app',
      '3 ✅ Task 8.1: the HTTP API: passed 2026-12-04 10:14 UTC',
      '3 ❌ Task 8.1: the table and the function: not passing',
      '2 Resources',
    ]);
    expect(tokens(markdown, 'html')).toEqual([]);
    const cells = (row: Tokens.TableCell[]) => row.map((cell) => cell.text);
    const [exercises, resources] = tokens<Tokens.Table>(markdown, 'table');
    expect([cells(exercises.header), ...exercises.rows.map(cells)]).toEqual([
      ['Exercise', 'Solved', 'Solution shown'],
      ['`task-8-1-safe-handler`', 'yes', 'yes'],
    ]);
    expect(resources.rows.map((row) => row.length)).toEqual([5, 5]);
    // What the reader sees: the name, on one line, as text.
    const seen = (cell: Tokens.TableCell) => marked.parseInline(cell.text) as string;
    expect(seen(resources.rows[0][1])).toBe(
      `<code>${NASTY.replace('\n', ' ').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</code>`,
    );
    expect(tokens<Tokens.ListItem>(markdown, 'list_item').map((item) => marked.parseInline(item.text))).toContain(
      `✅ The API exists: a | b &lt;script&gt;alert(1)&lt;/script&gt; *bold* [link](x) \`tick\` next line &amp; more`,
    );
  });

  test('shows the sandbox’s account as it is, and masks an AWS account everywhere', () => {
    expect(reportMarkdown(report('sandbox'))).toContain(`the local sandbox (account \`${ACCOUNT}\`)`);
    for (const output of [reportMarkdown(report('aws')), reportJson(report('aws'))]) {
      expect(output).not.toContain(ACCOUNT);
      expect(output).toContain('12••••••9012');
    }
    expect(reportMarkdown(report('aws'))).toContain('AWS account `12••••••9012`, `us-east-1`');
    expect(JSON.parse(reportJson(report('aws'))).resources[0].arn).toBe('arn:aws:dynamodb:us-east-1:12••••••9012:table/t');
  });
});

// The lab report's Markdown and JSON: read back by a Markdown parser as the headings, lists,
// tables and picture it means to be, whatever the names hold, the picture a well-formed SVG
// (read by an XML parser), and an AWS account id masked everywhere.
import { marked, type Token, type Tokens } from 'marked';
import sax from 'sax';
import { describe, expect, test } from 'vitest';
import { reportJson, reportMarkdown, withoutSecrets, type LabReport } from '../../src/report/lab-report.ts';

const ACCOUNT = '123456789012';
/** A handler whose text holds a Markdown fence and a heading, which must stay code. */
const SOURCE = 'def handler(event, context):\n    doc = """\n```\n# not a heading\n````\n"""\n    return doc';
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
    {
      step: 'Deploy the CRUD function',
      name: 'LambdaCRUD',
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:LambdaCRUD`,
      origin: 'created',
      state: 'ready',
      at: '2026-12-04T10:02:00.000Z',
      source: { file: 'lambda_crud.py', code: SOURCE },
    },
  ],
  requests: [
    {
      method: 'PUT',
      url: `https://abc.execute-api.us-east-1.amazonaws.com/prod/items?TableName=${ACCOUNT}`,
      status: '200',
      at: '2026-12-04T10:02:00.000Z',
      bodyPreview: NASTY,
    },
    { method: 'GET', url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/items', status: 'no answer', at: '2026-12-04T10:03:00.000Z' },
  ],
  webSocketSessions: [
    {
      url: 'wss://ws.execute-api.us-east-1.amazonaws.com/prod',
      startedAt: '2026-12-04T10:04:00.000Z',
      connectedAt: '2026-12-04T10:04:01.000Z',
      closedAt: '2026-12-04T10:09:00.000Z',
      sent: 1,
      received: 42,
      closeCode: 1000,
    },
    { url: 'wss://nowhere.example/prod', startedAt: '2026-12-04T10:03:00.000Z', closedAt: '2026-12-04T10:03:01.000Z', sent: 0, received: 0, closeCode: 1006 },
  ],
  flightMap: {
    airport: NASTY,
    center: { lat: 41.297, lon: 2.078 },
    bounds: { south: 40.8, west: 1.4, north: 41.8, east: 2.8 },
    at: '2026-12-04T10:08:00.000Z',
    aircraft: [
      { registration: 'EC-<b>&', lat: 41.4, lon: 2.2, status: 'flying', track: 90 },
      { registration: 'EC-LND', lat: 41.297, lon: 2.078, status: 'landed' },
    ],
  },
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
      '2 Functions’ code',
      '3 `LambdaCRUD`, `lambda_crud.py`',
      '2 Last requests',
      '2 WebSocket sessions',
      '2 Flight map',
    ]);
    expect(tokens(markdown, 'html')).toEqual([]);
    const cells = (row: Tokens.TableCell[]) => row.map((cell) => cell.text);
    const [exercises, resources, requests, sessions] = tokens<Tokens.Table>(markdown, 'table');
    expect([cells(exercises.header), ...exercises.rows.map(cells)]).toEqual([
      ['Exercise', 'Solved', 'Solution shown'],
      ['`task-8-1-safe-handler`', 'yes', 'yes'],
    ]);
    expect(resources.rows.map((row) => row.length)).toEqual([5, 5, 5]);
    expect([cells(requests.header), ...requests.rows.map(cells)]).toEqual([
      ['Sent', 'Request', 'Status', 'Body'],
      [
        '2026-12-04 10:02 UTC',
        '`PUT https://abc.execute-api.us-east-1.amazonaws.com/prod/items?TableName=123456789012`',
        '200',
        '`` a | b <script>alert(1)</script> *bold* [link](x) `tick` next line & more ``',
      ],
      ['2026-12-04 10:03 UTC', '`GET https://abc.execute-api.us-east-1.amazonaws.com/prod/items`', 'no answer', ''],
    ]);
    expect([cells(sessions.header), ...sessions.rows.map(cells)]).toEqual([
      ['URL', 'Connected', 'Closed', 'Sent', 'Received', 'Close code'],
      ['`wss://ws.execute-api.us-east-1.amazonaws.com/prod`', '2026-12-04 10:04 UTC', '2026-12-04 10:09 UTC', '1', '42', '1000'],
      ['`wss://nowhere.example/prod`', 'never (the handshake failed)', '2026-12-04 10:03 UTC', '0', '0', '1006'],
    ]);
    // What the reader sees: the name, on one line, as text.
    const seen = (cell: Tokens.TableCell) => marked.parseInline(cell.text) as string;
    expect(seen(resources.rows[0][1])).toBe(
      `<code>${NASTY.replace('\n', ' ').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</code>`,
    );
    expect(tokens<Tokens.ListItem>(markdown, 'list_item').map((item) => marked.parseInline(item.text))).toContain(
      `✅ The API exists: a | b &lt;script&gt;alert(1)&lt;/script&gt; *bold* [link](x) \`tick\` next line &amp; more`,
    );
  });

  test('embeds the flight map as a data: image that an XML parser reads as the map', () => {
    const [image] = tokens<Tokens.Image>(reportMarkdown(report('sandbox')), 'image');
    expect(image.text).toBe('Flight map, 2026-12-04 10:08 UTC');
    const prefix = 'data:image/svg+xml;base64,';
    expect(image.href.startsWith(prefix)).toBe(true);
    const svg = Buffer.from(image.href.slice(prefix.length), 'base64').toString('utf8');
    expect(JSON.parse(reportJson(report('sandbox'))).flightMap.picture).toBe(image.href);

    // Strict: an error on anything not well-formed XML.
    const parser = sax.parser(true, { xmlns: true });
    const elements: string[] = [];
    const texts: string[] = [];
    let root: sax.QualifiedTag | undefined;
    parser.onopentag = (tag) => {
      root ??= tag as sax.QualifiedTag;
      elements.push(tag.name);
    };
    parser.ontext = (text) => texts.push(text);
    parser.write(svg).close();
    expect(root?.name).toBe('svg');
    expect(root?.uri).toBe('http://www.w3.org/2000/svg');
    expect(Number(root?.attributes.width.value)).toBeGreaterThan(0);
    expect(Number(root?.attributes.height.value)).toBeGreaterThan(0);
    // The area, the airport, one arrow and one square; names as text, not markup.
    expect(elements.filter((name) => name === 'path')).toHaveLength(3);
    expect(elements.filter((name) => name === 'rect')).toHaveLength(2);
    expect(elements).toContain('circle');
    expect(texts).toContain(NASTY);
    expect(texts).toContain('EC-<b>&');
    expect(texts).toContain('EC-LND');
  });

  test('holds each deployed function’s code as a code block, whatever backticks it has', () => {
    const markdown = reportMarkdown(report('sandbox'));
    expect(tokens<Tokens.Code>(markdown, 'code')).toMatchObject([{ lang: 'python', text: SOURCE }]);
  });

  test('leaves out the credentials it is given, and anything shaped like an access key id, wherever they are', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const leaky = report('sandbox');
    leaky.resources[2].source!.code = `SECRET = "${secret}"\nKEY_ID = "AKIAIOSFODNN7EXAMPLE"\n`;
    leaky.chapters[0].checks[0].findings[0].detail = `token ${secret}`;
    const cleaned = withoutSecrets(leaky, [secret]);
    for (const output of [reportMarkdown(cleaned), reportJson(cleaned)]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain('AKIAIOSFODNN7EXAMPLE');
    }
    expect(cleaned.resources[2].source!.code).toBe('SECRET = "[redacted]"\nKEY_ID = "[redacted]"\n');
  });

  test('says plainly what it has not: no code, requests, sessions or map', () => {
    const markdown = reportMarkdown({ ...report('sandbox'), resources: [], requests: [], webSocketSessions: [], flightMap: undefined });
    expect(markdown).toContain('## Functions’ code\n\nNo function deployed from the workbook in this target.');
    expect(markdown).toContain('## Last requests\n\nNo request sent from the request client in this tab.');
    expect(markdown).toContain('## WebSocket sessions\n\nNo WebSocket session kept on this device.');
    expect(markdown).toContain('## Flight map\n\nThe flight map has not drawn a batch on this device.');
    expect(tokens(markdown, 'image')).toEqual([]);
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

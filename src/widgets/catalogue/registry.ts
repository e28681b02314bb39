// The widget catalogue: every widget a chapter can use, what it is for, and live examples.
// A new widget adds one entry here (and its export in ../index.ts); its props come from the
// widget's own schema, the one the build checks a chapter against, so the instructors'
// catalogue page cannot disagree with what a chapter may write.
import { z } from 'astro/zod';
import { checkMyWorkProps } from '../check-my-work/props.ts';
import { dynamoDBTableProps } from '../dynamodb-table/props.ts';
import { flightFeedProps } from '../flight-feed/props.ts';
import { flightMapProps } from '../flight-map/props.ts';
import { functionEditorProps } from '../function-editor/props.ts';
import { functionLogsProps } from '../function-logs/props.ts';
import { invokeFunctionProps } from '../invoke/props.ts';
import { itemsAppProps } from '../items-app/props.ts';
import { labReportProps } from '../lab-report/props.ts';
import { labSequenceProps } from '../lab-sequence/props.ts';
import { labStepProps } from '../lab-step/props.ts';
import { progressProps } from '../progress/props.ts';
import { exerciseProps } from '../python-cell/exercise-props.ts';
import { pythonCellProps } from '../python-cell/python-cell-props.ts';
import { requestClientProps } from '../request-client/props.ts';
import { targetPanelProps } from '../target-panel/props.ts';
import { teardownProps } from '../teardown/props.ts';
import { webSocketConsoleProps } from '../websocket-console/props.ts';
import { widgetSlotProps } from '../widget-slot/props.ts';

/** Characters Markdown or JSX would act on (an underscore only at a word's edge makes emphasis). */
const MARKUP = /[*`<>{}[\]\\]|^#|(?:^|\W)_|_(?:\W|$)/;

const exampleValue = z.union([z.string(), z.number(), z.boolean()]);

const exampleSchema = z.object({
  title: z.string().min(1),
  /** What the example shows, for the instructor reading the catalogue. */
  note: z.string().optional(),
  props: z.record(z.string(), exampleValue),
  /**
   * Text put in the widget's default slot. The live example shows it as plain text and the
   * source shows it as MDX, so it may not use characters that Markdown or JSX would read.
   */
  slot: z
    .string()
    .refine((text) => !MARKUP.test(text), 'slot text must read the same as plain text and as MDX')
    .optional(),
});

const widgetSchema = z
  .object({
    /** The name exported from '@widgets'. */
    name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a widget name is a PascalCase component name'),
    summary: z.string().min(1),
    /** The widget's props schema (its props.ts), which its .astro checks at build. */
    props: z.instanceof(z.ZodObject),
    /** What the default slot holds, if the widget takes children. */
    slot: z.string().optional(),
    examples: z.array(exampleSchema).min(1),
  })
  .superRefine((widget, context) => {
    widget.examples.forEach((example, index) => {
      // The example's props as the build would check them in a chapter.
      for (const issue of widget.props.safeParse(example.props).error?.issues ?? []) {
        context.addIssue({ code: 'custom', path: ['examples', index], message: `example "${example.title}" of ${widget.name}: ${issue.message}` });
      }
      if (example.slot !== undefined && widget.slot === undefined) {
        context.addIssue({ code: 'custom', path: ['examples', index], message: `${widget.name} takes no slot content` });
      }
    });
  });

export type WidgetExample = z.infer<typeof exampleSchema>;
export type WidgetEntry = z.infer<typeof widgetSchema>;

export const catalogueSchema = z.array(widgetSchema).superRefine((widgets, context) => {
  const seen = new Set<string>();
  for (const widget of widgets) {
    if (seen.has(widget.name)) context.addIssue({ code: 'custom', message: `${widget.name} is listed twice` });
    seen.add(widget.name);
  }
});

export const widgetCatalogue: WidgetEntry[] = catalogueSchema.parse([
  {
    name: 'PythonCell',
    summary:
      'Python the reader can edit and run in the page, with stdout, stderr and tracebacks shown below it. The code is readable at once; the editor loads when the reader scrolls to the cell or clicks into it, and Python (Pyodide, in a Web Worker, restored from a snapshot made at build time) starts once the cell is in view and the page is idle, or on an earlier Run. Stop, or the time limit, ends code that runs away. The reader’s edits are kept on their device (per page and per original code, so changing the code here starts the cell afresh) and marked as edited; Reset asks before it throws an edit away.',
    props: pythonCellProps,
    examples: [
      {
        title: 'Output and errors',
        note: 'stdout and stderr are shown apart; an exception shows a traceback with the cell’s own line numbers.',
        props: {
          title: 'Keyword arguments arrive as a dict',
          code: [
            'import sys',
            '',
            'def show(**kwargs):',
            '    for name, value in kwargs.items():',
            '        print(f"{name} = {value!r}")',
            '',
            'show(TableName="ccbda-lambda-first", Limit=10)',
            'print("This line goes to stderr.", file=sys.stderr)',
          ].join('\n'),
        },
      },
      {
        title: 'A time limit',
        note: 'This loop never ends: the cell stops it after the timeout. Stop ends it sooner.',
        props: {
          title: 'A loop that never ends',
          code: ['count = 0', 'while True:', '    count += 1'].join('\n'),
          timeout: 3,
        },
      },
    ],
  },
  {
    name: 'Exercise',
    summary:
      'A task the page checks. The student edits the starter code and runs it; the hidden checks (Python asserts) run after their code in the same namespace, and the page says which check failed: the assert’s message if it has one, otherwise its condition. A solved exercise stays marked done in the browser, and the student’s code is kept.',
    props: exerciseProps,
    slot: 'The task, in Markdown.',
    examples: [
      {
        title: 'An exercise with a hint',
        note: 'The first check has a message; the last has none, so a failure names its condition.',
        props: {
          id: 'catalogue-kwargs-names',
          title: 'Name the keyword arguments',
          code: ['def names(**kwargs):', '    # Return the names of the keyword arguments, sorted.', '    return []'].join('\n'),
          check: [
            'assert names() == [], "names() with no arguments should return []"',
            'assert names(b=1, a=2) == ["a", "b"], "names(b=1, a=2) should return [\'a\', \'b\']"',
            'assert names(TableName="t") == ["TableName"]',
          ].join('\n'),
          hint: 'kwargs is a dict, and sorted() of a dict gives its keys in order.',
          solution: ['def names(**kwargs):', '    return sorted(kwargs)'].join('\n'),
        },
        slot: 'Complete the function names so that it returns the names of the keyword arguments it was called with, in alphabetical order.',
      },
      {
        title: 'A second exercise on the same page',
        note: 'With more than one exercise on a page, each shows how many of them the student has done.',
        props: {
          id: 'catalogue-forward-body',
          title: 'Forward a request body',
          code: [
            'def put_item(TableName, Item):',
            '    return f"put {Item} into {TableName}"',
            '',
            'def handler(body):',
            '    # Forward body to put_item as keyword arguments.',
            '    return None',
          ].join('\n'),
          check: [
            'body = {"TableName": "ccbda-lambda-first", "Item": {"thingID": "1"}}',
            'assert handler(body) == put_item(**body), "handler(body) should return what put_item(**body) returns"',
          ].join('\n'),
          solution: [
            'def put_item(TableName, Item):',
            '    return f"put {Item} into {TableName}"',
            '',
            'def handler(body):',
            '    return put_item(**body)',
          ].join('\n'),
        },
        slot: 'Complete handler so that it calls put_item with the keys of the dict body as keyword arguments, as the lab’s Lambda function does with a request body.',
      },
    ],
  },
  {
    name: 'TargetPanel',
    summary:
      'Where the chapter’s resources will be made: the local sandbox (one click, no account) or the student’s AWS account (paste the Learner Lab’s credentials, pick the region, check them). It is the same target the header shows on every page, so every widget on every page follows it. Put it at the top of each Task chapter.',
    props: targetPanelProps,
    examples: [{ title: 'At the top of a Task chapter', props: {} }],
  },
  {
    name: 'LabStep',
    summary:
      'One of the lab’s steps on its own: its inputs with the lab’s defaults, Run (a second run finds and adopts what exists instead of failing; Retry after a failure carries on where it stopped), progress with the state it waits for and the time so far, what it made and whether it is right, the AWS CLI command that does the same with the student’s own values, and every SDK request and response on demand. What a step made is remembered per target and account across reloads.',
    props: labStepProps,
    examples: [{ title: 'The Task 8.1 table as a single step', props: { step: 'task-8-1/table' } }],
  },
  {
    name: 'LabSequence',
    summary:
      'A guided sequence of the lab’s steps (task-8-1/http-api: the HTTP API, the Lambda permission limited to that API, the payload 2.0 integration, the five routes, the stage prod and its deployment) as a numbered list with each step’s state. Run all runs them in order and stops at the first failure with AWS’s error; Retry resumes at that step. Each step opens to run on its own with its AWS CLI command; the whole sequence is one copyable script; at the end the invoke URL is shown with a Copy button and a link. The names the steps share can be changed once for all.',
    props: labSequenceProps,
    examples: [
      {
        title: 'An HTTP API of its own',
        note: 'For the small function of the FunctionEditor example: deploy that first. The Request client example then finds this API.',
        props: { sequence: 'task-8-1/http-api', apiName: 'CatalogueHttpAPI', functionName: 'CatalogueHello' },
      },
    ],
  },
  {
    name: 'DynamoDBTable',
    summary:
      'Creates a DynamoDB table (partition key thingID, a string, billed on demand) through its lab step, then browses its items: scan, add, edit and delete them, shown as a table or as DynamoDB JSON, each action with its AWS CLI equivalent. Every value is shown as text.',
    props: dynamoDBTableProps,
    examples: [
      {
        title: 'A table of its own',
        note: 'A name of its own, so trying the example leaves the lab’s table alone.',
        props: { tableName: 'catalogue-things' },
      },
    ],
  },
  {
    name: 'FunctionEditor',
    summary:
      'A Python Lambda function edited in the page (the editor loads when the student reaches it) with its handler, runtime, timeout, memory and environment variables. Deploy zips the source in the browser and creates the function with LabRole, or updates its code and settings, then waits until it is Active.',
    props: functionEditorProps,
    examples: [
      {
        title: 'A small function of its own',
        props: {
          functionName: 'CatalogueHello',
          handler: 'hello.lambda_handler',
          code: [
            'def lambda_handler(event, context):',
            '    print("event:", event)',
            '    return {"statusCode": 200, "body": "Hello from " + context.function_name}',
          ].join('\n'),
        },
      },
    ],
  },
  {
    name: 'InvokeFunction',
    summary:
      'Invokes a Lambda function with a test event typed or taken from a template (an HTTP API GET that lists the table, a POST that puts an item, an empty event) and shows Lambda’s status, any function error, the duration, whether it was a cold start, the result and the log tail.',
    props: invokeFunctionProps,
    examples: [{ title: 'The small function above, with an empty event', props: { functionName: 'CatalogueHello', template: 2 } }],
  },
  {
    name: 'FunctionLogs',
    summary:
      'A Lambda function’s CloudWatch Logs: its log streams (one per execution environment) and their events, newest first; Follow checks for new lines every two seconds.',
    props: functionLogsProps,
    examples: [{ title: 'The small function’s logs', props: { functionName: 'CatalogueHello' } }],
  },
  {
    name: 'CheckMyWork',
    summary:
      'Inspects what really exists in the student’s target and marks the check done in their progress for that target. task-8-1/table-and-function checks the table’s key (thingID, a string), the function’s runtime (Python), handler and role (LabRole), and that a GET event returns 200 with the table’s items; task-8-1/api checks CrudHttpAPI’s permission, integration, routes, stage and deployment, and that a GET through its invoke URL returns 200 with the table’s items. Task 8.2’s checks show the names they look for, prefilled with the lab’s: task-8-2/backend checks the connections table (connectionid, a string) and the four functions with TABLE_NAME; task-8-2/api checks FlightMapWsAPI’s wiring, then a WebSocket client says hello!, gets init, and its connection appears in the table and goes after close; task-8-2/stream checks the stream and its mapping, then puts an aircraft on the stream and waits for it to reach a connected client.',
    props: checkMyWorkProps,
    examples: [{ title: 'Task 8.1, first half', props: { check: 'task-8-1/table-and-function' } }],
  },
  {
    name: 'FlightFeed',
    summary:
      'Task 8.2’s producer in the page: Start puts a batch of simulated aircraft around Barcelona airport on a Kinesis stream every few seconds, one record per aircraft shaped as the lab’s producer.py puts them (arrivals descend and land, departures climb away), until Stop, a failed call, the page being hidden or the target changing. One batch at a time: the next is prepared only after PutRecords has answered. Shows the batches sent, the last answer (failed records with their error code and message) and the same with producer.py and the AWS CLI.',
    props: flightFeedProps,
    examples: [
      {
        title: 'A stream of its own',
        note: 'Start fails with ResourceNotFoundException until a stream of this name exists.',
        props: { streamName: 'catalogue-flights' },
      },
    ],
  },
  {
    name: 'FlightMap',
    summary:
      'Task 8.2’s live map: connects to the WebSocket API (the URL of the API with this name, found in the target, or pasted), sends hello!, draws the area and airport from the init answer, and moves each aircraft as batches of positions arrive. Drawn in SVG without map tiles: a latitude and longitude grid, a scale bar, flying aircraft as arrows along their track and landed ones as squares (with a legend), a label on hover and keyboard focus, and the same as a table. Aircraft not reported for 20 s fade and go after 60 s; a closed connection is reopened.',
    props: flightMapProps,
    examples: [
      {
        title: 'A map of its own',
        note: 'Starts with the URL of an API named CatalogueWsAPI if the target has one; otherwise paste any WebSocket URL that answers hello! with init.',
        props: { apiName: 'CatalogueWsAPI' },
      },
    ],
  },
  {
    name: 'RequestClient',
    summary:
      'Sends HTTP requests to an API from the page, as Postman or curl would: a method, the URL (the API’s invoke URL, found by name), query parameters kept in step with the URL, headers and a JSON body (checked before sending, with the line and column where it breaks), with templates for the lab’s scan, put_item, update_item and delete_item calls. Shows the status, the time taken, the response headers and the body as text, explains API Gateway’s errors, keeps this tab’s history, and shows each request as a curl command. On the AWS target it goes through labbook’s relay.',
    props: requestClientProps,
    examples: [
      {
        title: 'Against an API of its own',
        note: 'Finds an API named CatalogueHttpAPI if one exists; otherwise type any invoke URL.',
        props: { apiName: 'CatalogueHttpAPI', tableName: 'catalogue-things' },
      },
    ],
  },
  {
    name: 'ItemsApp',
    summary:
      'The lab’s web page (webpage1) rebuilt: lists a table’s items through the CRUD API, adds an item (its thingID and any string attributes), changes one attribute (update_item) and deletes, each with the curl command that does the same. Every value is rendered as text, so stored markup never runs.',
    props: itemsAppProps,
    examples: [{ title: 'A table of its own', props: { apiName: 'CatalogueHttpAPI', tableName: 'catalogue-things' } }],
  },
  {
    name: 'WebSocketConsole',
    summary:
      'The page’s own wscat: WebSocket sessions side by side. Each has a URL field (the API’s invoke URL, found by name when the API exists, or typed: the sandbox’s ws:// URLs and API Gateway’s wss:// ones), Connect, Disconnect with an optional close code and reason, a message sent as text or checked as JSON first (saying where it breaks), and a timeline of frames with direction, time, size, content (indented when JSON), and the close code and reason with what the code means. On AWS it connects through labbook’s relay.',
    props: webSocketConsoleProps,
    examples: [
      {
        title: 'Two sessions to the Task 8.2 API',
        note: 'With the target chosen and FlightMapWsAPI deployed, both sessions start with its URL; send hello! in one and only that one gets init.',
        props: { sessions: 2 },
      },
    ],
  },
  {
    name: 'Progress',
    summary:
      'Chapter by chapter, in the sidebar’s order: its checks (those its lab block names and its CheckMyWork widgets), done or not in the current target and when each last passed, with Check again to run one now, and its exercises, solved or not in this browser; below, the other targets (sandbox, AWS accounts and regions) this browser has progress for. Progress lives in the browser, per target.',
    props: progressProps,
    examples: [{ title: 'The whole lab’s checks', props: {} }],
  },
  {
    name: 'LabReport',
    summary:
      'Download my lab report: runs every chapter’s checks again in the current target, then saves a Markdown file to hand in (date, labbook’s version, the target with an AWS account id masked, each check with its findings and when it passed, the exercises solved and whether their solution was shown, what the steps made with names, ARNs and addresses, each function’s code as deployed from the page, the request client’s last requests in this tab with their status, a summary of the WebSocket console’s last sessions, and the flight map’s last picture as an embedded SVG image) and offers the same as JSON. It holds no credentials, headers or signatures (the target’s keys and anything shaped like an access key id are redacted wherever they appear); the WebSocket console and the flight map keep a small record on this device for it. The chapters come from their `lab:` blocks.',
    props: labReportProps,
    examples: [{ title: 'The whole lab’s report', note: 'Live: it runs the checks in the current target.', props: {} }],
  },
  {
    name: 'Teardown',
    summary:
      'Lists everything labbook made in the current target and account, and anything there under the lab’s own names (made with the CLI or in another browser), with what each costs if left on AWS (free in the sandbox). Delete all asks first, naming what will go, then deletes in the reverse of the lab’s order (a mapping before its stream and function, an API before its functions, functions before tables) with a state per resource; a failure does not stop the rest, and running it again deletes what is left. Each resource can also be deleted on its own.',
    props: teardownProps,
    examples: [
      {
        title: 'On the Clean-up page',
        note: 'Live: Delete all here deletes the lab’s resources in the current target, as on the Clean-up page.',
        props: {},
      },
    ],
  },
  {
    name: 'WidgetSlot',
    summary:
      'Marks where a widget will stand before it exists, so a chapter reads well now and the place is easy to find later (search the chapters for WidgetSlot).',
    props: widgetSlotProps,
    slot: 'What the widget will let the student do.',
    examples: [
      {
        title: 'A placeholder',
        props: { widget: 'Item browser' },
        slot: 'The items in the ccbda-lambda-first table will be listed here, with buttons to add, edit and delete them.',
      },
    ],
  },
]);

// The widget catalogue: every widget a chapter can use, its props, and live examples.
// A new widget adds one entry here (and its export in ../index.ts); the instructors'
// catalogue page renders this list, and a unit test checks it against each widget's Props.
import { z } from 'astro/zod';

const propSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a prop name is a camelCase identifier'),
  /** As a chapter writer would write it in TypeScript, e.g. 'string' or 'number'. */
  type: z.string().min(1),
  required: z.boolean(),
  /** The value used when an optional prop is left out, as source text. */
  default: z.string().optional(),
  description: z.string().min(1),
});

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
    props: z.array(propSchema),
    /** What the default slot holds, if the widget takes children. */
    slot: z.string().optional(),
    examples: z.array(exampleSchema).min(1),
  })
  .superRefine((widget, context) => {
    const declared = new Map(widget.props.map((prop) => [prop.name, prop]));
    for (const prop of widget.props) {
      if (prop.required && prop.default !== undefined) {
        context.addIssue({ code: 'custom', message: `${widget.name}.${prop.name} is required, so it cannot have a default` });
      }
    }
    widget.examples.forEach((example, index) => {
      for (const name of Object.keys(example.props)) {
        if (!declared.has(name)) context.addIssue({ code: 'custom', path: ['examples', index], message: `${widget.name} has no prop ${name}` });
      }
      for (const prop of widget.props) {
        if (prop.required && !(prop.name in example.props)) {
          context.addIssue({ code: 'custom', path: ['examples', index], message: `example "${example.title}" leaves out required ${prop.name}` });
        }
      }
      if (example.slot !== undefined && widget.slot === undefined) {
        context.addIssue({ code: 'custom', path: ['examples', index], message: `${widget.name} takes no slot content` });
      }
    });
  });

export type WidgetProp = z.infer<typeof propSchema>;
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
      'Python the reader can edit and run in the page, with stdout, stderr and tracebacks shown below it. The code is readable at once; the editor loads when the reader scrolls to the cell or clicks into it, and Python (Pyodide, in a Web Worker) loads on the first Run. Stop, or the time limit, ends code that runs away.',
    props: [
      { name: 'code', type: 'string', required: true, description: 'The Python the cell starts with; Reset goes back to it.' },
      { name: 'title', type: 'string', required: false, description: 'Shown above the cell, and its name for screen readers.' },
      { name: 'timeout', type: 'number', required: false, default: '10', description: 'Seconds the code may run before the cell stops it.' },
    ],
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
    props: [
      { name: 'id', type: 'string', required: true, description: 'Unique across the whole site: the student’s progress is stored under it.' },
      { name: 'title', type: 'string', required: true, description: 'The exercise’s heading.' },
      { name: 'code', type: 'string', required: true, description: 'The starter code.' },
      { name: 'check', type: 'string', required: true, description: 'Python asserts run after the student’s code. Give each a message that tells the student what to fix.' },
      { name: 'hint', type: 'string', required: false, description: 'Shown folded away under “Hint”.' },
    ],
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
        },
        slot: 'Complete handler so that it calls put_item with the keys of the dict body as keyword arguments, as the lab’s Lambda function does with a request body.',
      },
    ],
  },
  {
    name: 'TargetPanel',
    summary:
      'Where the chapter’s resources will be made: the local sandbox (one click, no account) or the student’s AWS account (paste the Learner Lab’s credentials, pick the region, check them). It is the same target the header shows on every page, so every widget on every page follows it. Put it at the top of each Task chapter.',
    props: [{ name: 'title', type: 'string', required: false, default: "'Before you start: choose your target'", description: 'The panel’s heading.' }],
    examples: [{ title: 'At the top of a Task chapter', props: {} }],
  },
  {
    name: 'WidgetSlot',
    summary:
      'Marks where a widget will stand before it exists, so a chapter reads well now and the place is easy to find later (search the chapters for WidgetSlot).',
    props: [{ name: 'widget', type: 'string', required: true, description: 'The widget that will stand here.' }],
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

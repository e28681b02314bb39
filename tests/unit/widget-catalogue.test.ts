// The widget catalogue must list every widget chapters can import, show each one's props as
// the schema the build checks them against, and show MDX that really produces its live example.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
// The MDX compiler Astro's MDX integration runs, so the catalogue's source is checked against the real thing.
import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { CHECK_LIST } from '../../src/steps/check-list.ts';
import { exampleSource } from '../../src/widgets/catalogue/example-source.ts';
import { propRows } from '../../src/widgets/catalogue/prop-rows.ts';
import { catalogueSchema, widgetCatalogue } from '../../src/widgets/catalogue/registry.ts';

const WIDGETS_DIR = new URL('../../src/widgets/', import.meta.url);
/** Exported from '@widgets' for the instructors' page, but not a widget for chapters. */
const NOT_WIDGETS = new Set(['WidgetCatalogue']);

/** Widget name → its .astro file, read from the export lines of src/widgets/index.ts. */
function exportedWidgets(): Map<string, string> {
  const index = readFileSync(new URL('index.ts', WIDGETS_DIR), 'utf8');
  const found = [...index.matchAll(/export \{ default as (\w+) \} from '\.\/(.+\.astro)';/g)];
  return new Map(found.filter(([, name]) => !NOT_WIDGETS.has(name)).map(([, name, path]) => [name, path]));
}

describe('widget catalogue', () => {
  it('lists every widget exported from @widgets, and nothing else', () => {
    expect(widgetCatalogue.map((entry) => entry.name).sort()).toEqual([...exportedWidgets().keys()].sort());
  });

  it.each(widgetCatalogue.map((entry) => [entry.name, entry] as const))('%s checks its props against the schema the catalogue shows', (name, entry) => {
    const source = readFileSync(new URL(exportedWidgets().get(name)!, WIDGETS_DIR), 'utf8');
    expect(source).toMatch(new RegExp(`checkedProps\\('${name}', \\w+, Astro\\)`));
    const rows = propRows(entry.props);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect({ prop: row.name, description: row.description.length > 0 }).toEqual({ prop: row.name, description: true });
    // Strict: a prop the widget does not have is refused, not dropped.
    expect(entry.props.safeParse({ ...entry.examples[0].props, nosuchprop: 'x' }).success).toBe(false);
  });

  it('shows each prop with its type, whether it is required, its default and the values it may take', () => {
    const rowsOf = (name: string) => propRows(widgetCatalogue.find((entry) => entry.name === name)!.props);
    expect(rowsOf('InvokeFunction')).toEqual([
      { name: 'functionName', type: 'string', required: false, default: '"LambdaCRUD"', description: expect.stringMatching(/^The function to invoke/) },
      { name: 'tableName', type: 'string', required: false, default: '"ccbda-lambda-first"', description: 'The table the HTTP API templates name.' },
      { name: 'template', type: 'number', required: false, default: '0', description: expect.stringMatching(/^The template the event starts as/) },
    ]);
    expect(rowsOf('PythonCell').map(({ name, required, default: value }) => ({ name, required, value }))).toEqual([
      { name: 'code', required: true, value: undefined },
      { name: 'title', required: false, value: undefined },
      { name: 'timeout', required: false, value: '10' },
    ]);
    expect(rowsOf('LabStep')[0]).toMatchObject({ name: 'step', type: 'string', required: true, values: STEPS.map((step) => step.id) });
    expect(rowsOf('CheckMyWork')[0].values).toEqual(CHECK_LIST.map((check) => check.id));
  });

  it('rejects entries that would mislead a chapter writer', () => {
    const valid = widgetCatalogue[0];
    const broken = (change: object) => catalogueSchema.safeParse([{ ...valid, ...change }]).success;
    expect(broken({})).toBe(true);
    expect(broken({ examples: [{ title: 'x', props: { nosuchprop: 1, code: '' } }] })).toBe(false);
    expect(broken({ examples: [{ title: 'missing the required code', props: {} }] })).toBe(false);
    expect(broken({ examples: [{ title: 'a number as text', props: { code: '', timeout: '3' } }] })).toBe(false);
    expect(catalogueSchema.safeParse([valid, valid]).success).toBe(false);
    // Slot text that MDX would turn into bold (or JSX) would not match the plain live example.
    const exercise = widgetCatalogue.find((entry) => entry.slot !== undefined)!;
    const withSlot = (slot: string) => catalogueSchema.safeParse([{ ...exercise, examples: [{ ...exercise.examples[0], slot }] }]).success;
    expect(withSlot('Complete the function put_item.')).toBe(true);
    expect(withSlot('This is _important_.')).toBe(false);
    expect(withSlot('Write names(**kwargs).')).toBe(false);
    expect(withSlot('Use <b>this</b>.')).toBe(false);
  });
});

describe('exampleSource', () => {
  interface Element {
    type: unknown;
    props: Record<string, unknown>;
  }

  /** Compiles MDX with the compiler Astro uses and returns the element it renders, props and all. */
  async function renderMdx(source: string, widgetName: string): Promise<Element> {
    const { code } = mdxToJs(source, {});
    const body = code.replace(/^(import|export default) .*$/gm, '');
    const element = (type: unknown, props: Record<string, unknown>): Element => ({ type, props });
    const context = { _jsx: element, _jsxs: element, _Fragment: 'Fragment' };
    return runInNewContext(`${body}\n_createMdxContent({ components: { ${widgetName}: '${widgetName}' } })`, context) as Element;
  }

  /** What the rendered element holds: its props, and the text of the paragraph in its slot. */
  function received({ props }: Element) {
    const { children, ...rest } = props;
    return { props: rest, slot: (children as Element | undefined)?.props.children };
  }

  it('writes source that MDX turns back into the same props, whatever the code contains', async () => {
    const code = 'print("a\\tb")\nname = `x`\nprint(f"${name} {{braces}}")\n\nif True:\n    indented = {}';
    const source = exampleSource('PythonCell', { title: 'x', props: { code, title: 'Plain title', timeout: 3 } });
    expect(source).toContain('  title="Plain title"');
    expect(source).toContain('  timeout={3}');
    expect(received(await renderMdx(source, 'PythonCell'))).toEqual({ props: { code, title: 'Plain title', timeout: 3 }, slot: undefined });
  });

  it('puts slot text between an opening and a closing tag', () => {
    const source = exampleSource('WidgetSlot', { title: 'x', props: { widget: 'Item browser' }, slot: 'Lists the items.' });
    expect(source).toBe('<WidgetSlot\n  widget="Item browser"\n>\n  Lists the items.\n</WidgetSlot>');
  });

  it('shows every catalogue example as MDX that renders exactly that example', async () => {
    for (const entry of widgetCatalogue) {
      for (const example of entry.examples) {
        const element = await renderMdx(exampleSource(entry.name, example), entry.name);
        expect(element.type).toBe(entry.name);
        expect(received(element)).toEqual({ props: example.props, slot: example.slot });
      }
    }
  });
});

// The widget catalogue must list every widget chapters can import, with exactly the props
// each widget declares, and show MDX that really produces its live example.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
// The MDX compiler Astro's MDX integration runs, so the catalogue's source is checked against the real thing.
import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { exampleSource } from '../../src/widgets/catalogue/example-source.ts';
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

/** The props a component declares in its `interface Props`: name → required. */
function declaredProps(astroFile: string): Map<string, boolean> {
  const source = readFileSync(new URL(astroFile, WIDGETS_DIR), 'utf8');
  const body = /interface Props \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return new Map([...body.matchAll(/^\s*(\w+)(\??):/gm)].map(([, name, optional]) => [name, optional !== '?']));
}

describe('widget catalogue', () => {
  it('lists every widget exported from @widgets, and nothing else', () => {
    expect(widgetCatalogue.map((entry) => entry.name).sort()).toEqual([...exportedWidgets().keys()].sort());
  });

  it.each(widgetCatalogue.map((entry) => [entry.name, entry] as const))('documents exactly the props %s declares', (name, entry) => {
    const declared = declaredProps(exportedWidgets().get(name)!);
    expect(declared.size).toBeGreaterThan(0);
    expect(new Map(entry.props.map((prop) => [prop.name, prop.required]))).toEqual(declared);
  });

  it('rejects entries that would mislead a chapter writer', () => {
    const valid = widgetCatalogue[0];
    const broken = (change: object) => catalogueSchema.safeParse([{ ...valid, ...change }]).success;
    expect(broken({})).toBe(true);
    expect(broken({ examples: [{ title: 'x', props: { nosuchprop: 1, code: '' } }] })).toBe(false);
    expect(broken({ examples: [{ title: 'missing the required code', props: {} }] })).toBe(false);
    expect(broken({ props: [{ name: 'code', type: 'string', required: true, default: '""', description: 'd' }] })).toBe(false);
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
    const { code } = await mdxToJs(source, {});
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

// The sidebar made from the chapters' frontmatter: the lab's own chapters keep their order,
// labels and groups, and a chapter file with only frontmatter lands in its group, in its
// order, with no code changed; previous and next follow it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { sidebarItems, type SidebarItem } from '../../src/site/sidebar/chapter-sidebar.ts';
import { contentSidebar } from '../../src/site/sidebar/content-chapters.ts';
import { pagination } from '../../src/site/sidebar/pagination.ts';
import { ROOT } from './project-copy.ts';

/** A sidebar as `label path` lines, a group's chapters indented under it (`+` marks a collapsed group). */
const outline = (items: SidebarItem[]) =>
  items.flatMap((item) =>
    item.type === 'link'
      ? [`${item.label} ${item.path}`]
      : [`${item.collapsed ? '+' : ''}${item.label}:`, ...item.chapters.map((link) => `  ${link.label} ${link.path}`)],
  );

const LAB = [
  'Start here /',
  'Concepts:',
  '  Python keyword arguments /kwargs/',
  '  AWS Lambda /lambda/',
  '  API Gateway /api-gateway/',
  '  WebSockets /websockets/',
  'Tasks:',
  '  Task 8.1: a serverless CRUD app /task-8-1/',
  '  Task 8.2: a real-time flight map /task-8-2/',
  '  Your progress /progress/',
  '  Clean up /clean-up/',
  'For instructors:',
  '  Writing chapters /instructors/',
  '  Widget catalogue /instructors/widgets/',
  '+Examples:',
  '  A visitor counter /examples/visitor-counter/',
];

describe('the sidebar from the files under content/', () => {
  let copy = '';
  afterEach(() => copy && rmSync(copy, { recursive: true, force: true }));

  test('lists the lab’s chapters in the lab’s order, under their groups, and not the not-found page', () => {
    expect(outline(contentSidebar())).toEqual(LAB);
  });

  test('a new chapter file puts itself in its group and order, and an Examples group closed after the lab, from frontmatter alone', () => {
    copy = mkdtempSync(join(tmpdir(), 'labbook-content-'));
    cpSync(join(ROOT, 'content'), copy, { recursive: true });
    writeFileSync(join(copy, 'dynamodb.mdx'), '---\ntitle: DynamoDB\nsidebar:\n  order: 11.5\n  group: Concepts\n---\nText.\n');
    mkdirSync(join(copy, 'more-examples'));
    writeFileSync(join(copy, 'more-examples/guestbook.mdx'), '---\ntitle: Guestbook\nsidebar:\n  order: 41\n  group: Examples\n---\nText.\n');
    expect(outline(contentSidebar(copy))).toEqual([...LAB.slice(0, 4), '  DynamoDB /dynamodb/', ...LAB.slice(4), '  Guestbook /more-examples/guestbook/']);
  });
});

describe('chapters into a sidebar', () => {
  const chapter = (id: string, sidebar: Parameters<typeof sidebarItems>[0][number]['sidebar'] = {}) => ({ id, title: id.toUpperCase(), sidebar });

  test('orders by order, then by slug, with chapters that give none last', () => {
    expect(outline(sidebarItems([chapter('c'), chapter('b', { order: 2 }), chapter('a'), chapter('index', { order: 1 })]))).toEqual([
      'INDEX /',
      'B /b/',
      'A /a/',
      'C /c/',
    ]);
  });

  test('a group sits where its first chapter is and gathers all of its chapters; one chapter can close it', () => {
    const examples = { label: 'Examples', collapsed: false };
    const items = sidebarItems([
      chapter('one', { order: 1, group: examples }),
      chapter('two', { order: 2 }),
      chapter('three', { order: 3, group: { label: 'Examples', collapsed: true } }),
      chapter('hidden', { order: 0, hidden: true, group: examples }),
    ]);
    expect(outline(items)).toEqual(['+Examples:', '  ONE /one/', '  THREE /three/', 'TWO /two/']);
  });
});

describe('previous and next from the sidebar', () => {
  const link = (href: string, isCurrent = false) => ({ type: 'link' as const, label: href, href, isCurrent, badge: undefined, attrs: {} });
  const links = [link('/a/'), link('/b/', true), link('/c/')];

  test('are the neighbours in the sidebar, as a chapter’s prev and next frontmatter adjust them', () => {
    expect(pagination(links, {})).toEqual({ prev: links[0], next: links[2] });
    expect(pagination(links, { prev: false, next: 'Onwards' })).toEqual({ prev: undefined, next: { ...links[2], label: 'Onwards' } });
    expect(pagination(links, { next: { link: '/elsewhere/' } })).toEqual({ prev: links[0], next: { ...links[2], href: '/elsewhere/' } });
    expect(pagination([link('/only/', true)], { next: { link: '/x/', label: 'X' } }).next).toMatchObject({ href: '/x/', label: 'X' });
    expect(pagination([link('/a/'), link('/b/')], {})).toEqual({ prev: undefined, next: undefined });
  });
});

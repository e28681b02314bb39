// labbook's field in Starlight's `sidebar:` frontmatter: the group a chapter appears under,
// by its label (`group: Concepts`) or, to have it closed until opened, with
// `group: { label: Examples, collapsed: true }`. Starlight merges this into its own schema.
import { z } from 'astro/zod';

export const sidebarGroupField = z
  .union([
    z.string().min(1),
    z
      .object({
        label: z.string().min(1),
        collapsed: z.boolean().default(false),
      })
      .strict(),
  ])
  .transform((group) => (typeof group === 'string' ? { label: group, collapsed: false } : group))
  .describe('The sidebar group the chapter appears under: its label, or `{ label, collapsed: true }` for a group closed until opened.');

export type SidebarGroupField = z.output<typeof sidebarGroupField>;

/** For `docsSchema({ extend })`: Starlight's `sidebar` object with `group` added. */
export const sidebarFrontmatter = z.object({ sidebar: z.object({ group: sidebarGroupField.optional() }).default({}) });
